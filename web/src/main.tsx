import './lib/zod-config';
import 'leaflet/dist/leaflet.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/feedback.css';
import './styles/lists.css';
import './styles/map.css';
import './styles/report.css';
import './styles/duplicates.css';
import './styles/admin.css';
import './styles/answers.css';
import './styles/deadlines.css';
import './styles/notifications.css';
import './styles/analytics.css';
import './styles/knowledge.css';
import './styles/notices.css';
import './styles/participation.css';
import './styles/discussions.css';
import './styles/workspace.css';
import './lib/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerServiceWorker } from './app/service-worker';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
