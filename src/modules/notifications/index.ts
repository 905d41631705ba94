/** Notifications (in-app, e-mail, live report pages): the public entry of the module. */
export { dispatchNotifications, sendPendingEmails } from './dispatcher.ts';
export { notificationRoutes } from './notifications.routes.ts';
export { DISPATCH_QUEUE, type NotificationsRuntime, notificationsRuntime } from './runtime.ts';
export { inAppTopicNotifier, type TopicNotice, type TopicNotifier, topicNotifier } from './topic-notifier.ts';
export { type NotificationTopic, notifyPeople } from './topics.ts';
