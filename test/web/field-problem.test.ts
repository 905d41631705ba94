import { describe, expect, it } from 'vitest';
import { ApiError, fieldProblem } from '../../web/src/lib/api-error.ts';

describe('fieldProblem', () => {
  const refused = new ApiError(400, 'validation_failed', 'Проверьте введённые данные', [
    { path: 'name', message: 'Не короче 2 символов' },
    { path: 'geometry.coordinates.0', message: 'Долгота вне диапазона' },
    { path: 'geometry.coordinates.1', message: 'Широта вне диапазона' },
    { path: 'geometryKind', message: 'Неизвестный вид' },
  ]);

  it('joins what the server said about a field and what lies under it, not a field that only begins alike', () => {
    expect(fieldProblem(refused, 'name')).toBe('Не короче 2 символов');
    expect(fieldProblem(refused, 'geometry')).toBe('Долгота вне диапазона; Широта вне диапазона');
    expect(fieldProblem(refused, 'address')).toBeUndefined();
  });

  it('says nothing of an error that is not the server’s', () => {
    expect(fieldProblem(new Error('offline'), 'name')).toBeUndefined();
    expect(fieldProblem(null, 'name')).toBeUndefined();
  });
});
