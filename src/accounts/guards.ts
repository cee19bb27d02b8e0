import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';

/** The signed-in viewer; 401 (browsers: the sign-in page) for guests. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new UnauthorizedError();
  return request.viewer;
}

export function requireAdmin(request: FastifyRequest): Viewer {
  const viewer = requireViewer(request);
  if (viewer.role !== 'admin') throw new ForbiddenError();
  return viewer;
}

/** Route hooks: refuse before the body is even validated, so a guest never learns what a form expects. */
export const signedInOnly = async (request: FastifyRequest): Promise<void> => {
  requireViewer(request);
};

export const adminOnly = async (request: FastifyRequest): Promise<void> => {
  requireAdmin(request);
};
