// Named guards for moderator actions: each throws before anything is written.
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import { canModerate } from './visibility.js';

export function requireModeratorOf(viewer: Viewer, networkId: number): void {
  if (!canModerate(viewer, networkId)) throw new ForbiddenError('moderation.notConvener');
}

export function requireAdminRole(viewer: Viewer): void {
  if (viewer.role !== 'admin') throw new ForbiddenError();
}

export function requireFound<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new NotFoundError();
  return value;
}
