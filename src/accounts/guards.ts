import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';

/** The signed-in viewer; 401 (browsers: the sign-in page) for guests. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new UnauthorizedError();
  return request.viewer;
}

/** The one admin guard, for routes (adminOnly) and services alike: 403 for anyone but an admin. */
export function requireAdmin(viewer: Viewer): void {
  if (viewer.role !== 'admin') throw new ForbiddenError();
}

/** Named guard for posting and flagging: 403 until the account's address is proven (confirmation.routes.ts). */
export function requireConfirmedAddress(viewer: Viewer): void {
  if (!viewer.emailConfirmed) throw new ForbiddenError('recovery.confirm.required');
}

/** Route hooks: refuse before the body is even validated, so a guest never learns what a form expects. */
export const signedInOnly = async (request: FastifyRequest): Promise<void> => {
  requireViewer(request);
};

export const adminOnly = async (request: FastifyRequest): Promise<void> => {
  requireAdmin(requireViewer(request));
};
