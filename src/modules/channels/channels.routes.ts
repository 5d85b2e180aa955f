import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { SERVICE_DESK } from '../../domain/identity/roles';
import { ADMIN, currentActor } from '../../http/auth';
import { noContent } from '../../http/contract';
import { robotCreateIn, robotOut, robotUpdateIn, sendResultOut, smsMessageOut, smsSettingsIn, smsSettingsOut, ticketSmsOut } from './channels.schemas';
import { createRobot, deleteRobot, listRobots, sendTestRobotMessage, updateRobot } from './robots.service';
import { getSmsSettings, recentSms, saveSmsSettings, sendTestSms, ticketSms } from './sms.service';

// 短信与群机器人设置 — administrators only: the settings hold credentials that speak for the company.
export function channelRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['channels'];
    const robotId = z.object({ robotId: z.uuid() });
    app.get(
      '/channels/sms/settings',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'getSmsSettings',
          tags,
          summary: '短信网关设置 The SMS gateway settings (never the secret)',
          response: { 200: z.object({ settings: smsSettingsOut.optional().describe('Absent until an admin saves the settings') }) },
        },
      },
      async () => ({ settings: (await getSmsSettings(ctx.db)) ?? undefined }),
    );
    app.put(
      '/channels/sms/settings',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'saveSmsSettings',
          tags,
          summary: '保存短信网关设置 Save the SMS gateway settings (the secret is encrypted at rest)',
          body: smsSettingsIn,
          response: { 200: smsSettingsOut },
        },
      },
      async (req) => saveSmsSettings(ctx, req.body, currentActor(req)),
    );
    app.post(
      '/channels/sms/test',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'sendTestSms',
          tags,
          summary: '发送测试短信 Send a test one-time code (123456) through the gateway now',
          body: z.object({ phone: z.string().trim().min(1).max(24) }),
          response: { 200: sendResultOut },
        },
      },
      async (req) => {
        const r = await sendTestSms(ctx, req.body.phone);
        return { ok: r.ok, error: r.error };
      },
    );
    app.get(
      '/channels/sms/messages',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'listSmsMessages',
          tags,
          summary: '短信记录 The newest SMS and their state at the gateway (numbers masked)',
          response: { 200: z.object({ items: z.array(smsMessageOut) }) },
        },
      },
      async () => ({ items: await recentSms(ctx) }),
    );
    app.get(
      '/tickets/:id/sms',
      {
        // Like the ticket's mail: the service desk that talks to the customer.
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'listTicketSms',
          tags,
          summary: '工单短信 Status SMS of a ticket: to which (masked) number, what it said, whether it was sent',
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ items: z.array(ticketSmsOut) }) },
        },
      },
      async (req) => ({ items: await ticketSms(ctx, req.params.id) }),
    );
    app.get(
      '/channels/robots',
      {
        config: { access: ADMIN },
        schema: { operationId: 'listRobots', tags, summary: '群机器人 The teams’ group robots', response: { 200: z.object({ items: z.array(robotOut) }) } },
      },
      async () => ({ items: await listRobots(ctx) }),
    );
    app.post(
      '/channels/robots',
      {
        config: { access: ADMIN },
        schema: { operationId: 'createRobot', tags, summary: '添加群机器人 Add a group robot', body: robotCreateIn, response: { 201: robotOut } },
      },
      async (req, reply) => reply.status(201).send(await createRobot(ctx, req.body, currentActor(req))),
    );
    app.put(
      '/channels/robots/:robotId',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'updateRobot',
          tags,
          summary: '修改群机器人 Change a group robot',
          params: robotId,
          body: robotUpdateIn,
          response: { 200: robotOut },
        },
      },
      async (req) => updateRobot(ctx, req.params.robotId, req.body, currentActor(req)),
    );
    app.delete(
      '/channels/robots/:robotId',
      {
        config: { access: ADMIN },
        schema: { operationId: 'deleteRobot', tags, summary: '删除群机器人 Remove a group robot', params: robotId, response: { 204: noContent('Removed') } },
      },
      async (req, reply) => {
        await deleteRobot(ctx, req.params.robotId, currentActor(req));
        return reply.status(204).send();
      },
    );
    app.post(
      '/channels/robots/:robotId/test',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'sendTestRobotMessage',
          tags,
          summary: '发送测试消息 Send a test card to the robot’s group now',
          params: robotId,
          response: { 200: sendResultOut },
        },
      },
      async (req) => sendTestRobotMessage(ctx, req.params.robotId),
    );
  };
}
