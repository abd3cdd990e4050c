// REST routes authenticated by an interaction token: the callback and the interaction webhook (@original, follow-ups).
import type { RouteContext } from './route-context.ts';
import { type RouteDefinition, route } from './router.ts';

export function interactionRoutes(ctx: RouteContext): RouteDefinition[] {
  const { hub } = ctx;
  const auth = { auth: 'interaction' } as const;
  const message = '/webhooks/:application_id/:token/messages/:message_id';
  return [
    route(
      'POST',
      '/interactions/:interaction_id/:interaction_token/callback',
      (req) =>
        hub.callback(
          req.params.interaction_id,
          req.params.interaction_token,
          req.body,
          req.files,
          req.query.get('with_response') === 'true',
        ),
      { ...auth, major: 'interaction_id' },
    ),
    route(
      'POST',
      '/webhooks/:application_id/:token',
      async (req) => {
        const state = await hub.webhookAfterResponse(req.params.application_id, req.params.token);
        // For interaction webhooks `wait` is implied: the message is always returned.
        return { status: 200, body: hub.followUp(state, req.body, req.files) };
      },
      { ...auth, major: 'token' },
    ),
    route(
      'GET',
      message,
      async (req) => {
        const state = await hub.webhookAfterResponse(req.params.application_id, req.params.token);
        return { status: 200, body: hub.getMessage(state, req.params.message_id) };
      },
      { ...auth, major: 'token' },
    ),
    route(
      'PATCH',
      message,
      async (req) => {
        const state = await hub.webhookAfterResponse(req.params.application_id, req.params.token);
        return { status: 200, body: hub.editMessage(state, req.params.message_id, req.body, req.files) };
      },
      { ...auth, major: 'token' },
    ),
    route(
      'DELETE',
      message,
      async (req) => {
        const state = await hub.webhookAfterResponse(req.params.application_id, req.params.token);
        hub.deleteMessage(state, req.params.message_id);
        return { status: 204 };
      },
      { ...auth, major: 'token' },
    ),
  ];
}
