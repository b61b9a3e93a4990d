import { RequestMethod, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { Role } from '@cashout/shared-contracts';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from '../http/access.decorators';

/** Who may call a route: these roles, any signed-in user, or anyone. */
export type RouteAccess = Role[] | 'any' | 'public';

/** The gateway's controller classes, as the module registers them: the document reads their routes. */
export const GATEWAY_CONTROLLERS = Symbol('GATEWAY_CONTROLLERS');

const VERBS: Partial<Record<RequestMethod, string>> = { [RequestMethod.GET]: 'get', [RequestMethod.POST]: 'post' };

const pathsOf = (target: object): string[] => {
  const declared: unknown = Reflect.getMetadata(PATH_METADATA, target);
  return Array.isArray(declared) ? declared.map(String) : [typeof declared === 'string' ? declared : ''];
};

/** `intents/:id` + `send-otp` → `/intents/{id}/send-otp`, as OpenAPI writes a path. */
const openApiPath = (base: string, path: string) =>
  `/${[base, path]
    .flatMap((part) => part.split('/'))
    .filter((part) => part !== '')
    .map((part) => part.replace(/^:(\w+)$/, '{$1}'))
    .join('/')}`;

/**
 * The access of every GET and POST route of these controllers, keyed `get /intents/{id}`, read
 * from the @Public/@Roles metadata as the auth guard reads it (the method's over the class's),
 * so the document cannot publish other roles than the guard enforces.
 */
export function routeAccess(controllers: readonly Type[]): Map<string, RouteAccess> {
  const reflector = new Reflector();
  const table = new Map<string, RouteAccess>();
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const verb = VERBS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      if (verb === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const targets = [handler, controller];
      const access: RouteAccess = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)
        ? 'public'
        : (reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? 'any');
      for (const base of pathsOf(controller)) {
        for (const path of pathsOf(handler)) table.set(`${verb} ${openApiPath(base, path)}`, access);
      }
    }
  }
  return table;
}
