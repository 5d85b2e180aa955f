import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { ADMIN, SERVICE_DESK } from '../../domain/identity/roles';
import { currentActor } from '../../http/auth';
import { noContent } from '../../http/contract';
import { ANY_TEMPLATE_KEYS, TEMPLATE_CHANNELS } from './templates.defaults';
import { createMacro, deleteMacro, listMacros, listTemplates, previewTemplate, resetTemplate, saveTemplate, updateMacro } from './templates.service';

const locale = z.enum(['zh-CN', 'en']);
const channel = z.enum(TEMPLATE_CHANNELS);
const key = z.enum(ANY_TEMPLATE_KEYS).describe('E-mail event, robot event (群机器人) or SMS purpose (code / notice)');
// A subject is one header line: no line breaks (header injection), and short.
const subject = z
  .string()
  .max(250)
  .regex(/^[^\r\n]*$/, 'no line breaks');
const textIn = z.object({
  subject,
  body: z.string().min(1).max(10_000),
  button: z
    .string()
    .max(30)
    .regex(/^[^\r\n]*$/, 'no line breaks')
    .optional()
    .describe('Robot cards: the button text'),
});
const previewIn = textIn.extend({ channel: channel.default('email'), key: key.optional().describe('Needed for SMS and robot templates') });
const previewOut = z
  .object({
    subject: z.string(),
    body: z.string(),
    button: z.string().optional(),
    lines: z
      .array(z.object({ label: z.string(), value: z.string() }))
      .optional()
      .describe('Robot cards: the lines as shown'),
    params: z
      .array(z.object({ name: z.string(), value: z.string() }))
      .optional()
      .describe('SMS: the parameters sent to the gateway, in order (Aliyun by name, Tencent by position)'),
  })
  .meta({ id: 'MessageTemplatePreview' });

const templateOut = z
  .object({
    key,
    channel,
    locale,
    subject: z.string(),
    body: z.string(),
    button: z.string(),
    variables: z.array(z.string()).describe('The variables this template may use'),
    customised: z.boolean().describe('False while the built-in wording is used'),
    updatedAt: z.date().nullable(),
  })
  .meta({ id: 'MessageTemplate' });
const macroOut = z.object({ id: z.uuid(), title: z.string(), body: z.string(), updatedAt: z.date() }).meta({ id: 'ReplyMacro' });
const macroIn = z.object({ title: z.string().trim().min(1).max(100), body: z.string().min(1).max(10_000) });
const templateParams = z.object({ channel, key, locale });
const pickMacro = (m: z.infer<typeof macroOut>) => ({ id: m.id, title: m.title, body: m.body, updatedAt: m.updatedAt });

export function templateRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/message-templates',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'listMessageTemplates',
          tags: ['templates'],
          summary: '消息模板 Message templates of a channel, per event and language',
          querystring: z.object({ channel: channel.default('email') }),
          response: { 200: z.object({ items: z.array(templateOut), variables: z.array(z.string()) }) },
        },
      },
      async (req) => {
        const items = await listTemplates(ctx, req.query.channel);
        return { items, variables: [...new Set(items.flatMap((t) => t.variables))] };
      },
    );
    app.post(
      '/message-templates/preview',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'previewMessageTemplate',
          tags: ['templates'],
          summary: '模板预览 How an edited template reads with sample values, before saving',
          body: previewIn,
          response: { 200: previewOut },
        },
      },
      async (req) => {
        const { channel, key, ...text } = req.body;
        return previewTemplate(channel, key, text);
      },
    );
    app.put(
      '/message-templates/:channel/:key/:locale',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'saveMessageTemplate',
          tags: ['templates'],
          summary: '保存模板 Save the wording of one template',
          params: templateParams,
          body: textIn,
          response: { 200: templateOut },
        },
      },
      async (req) => saveTemplate(ctx, req.params.key, req.params.channel, req.params.locale, req.body, currentActor(req)),
    );
    app.delete(
      '/message-templates/:channel/:key/:locale',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'resetMessageTemplate',
          tags: ['templates'],
          summary: '恢复默认 Back to the built-in wording',
          params: templateParams,
          response: { 204: noContent('Reset') },
        },
      },
      async (req, reply) => {
        await resetTemplate(ctx, req.params.key, req.params.channel, req.params.locale);
        return reply.status(204).send();
      },
    );

    // ---- 常用回复 reply macros: every agent reads them, managers keep them ----
    app.get(
      '/reply-macros',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'listReplyMacros',
          tags: ['templates'],
          summary: '常用回复 Reply macros for the reply box',
          response: { 200: z.object({ items: z.array(macroOut) }) },
        },
      },
      async () => ({ items: (await listMacros(ctx)).map(pickMacro) }),
    );
    app.post(
      '/reply-macros',
      {
        config: { access: ['admin', 'manager'] },
        schema: { operationId: 'createReplyMacro', tags: ['templates'], summary: '新建常用回复 Add a reply macro', body: macroIn, response: { 201: macroOut } },
      },
      async (req, reply) => reply.status(201).send(pickMacro(await createMacro(ctx, req.body, currentActor(req)))),
    );
    app.put(
      '/reply-macros/:id',
      {
        config: { access: ['admin', 'manager'] },
        schema: {
          operationId: 'updateReplyMacro',
          tags: ['templates'],
          summary: '修改常用回复 Change a reply macro',
          params: z.object({ id: z.uuid() }),
          body: macroIn,
          response: { 200: macroOut },
        },
      },
      async (req) => pickMacro(await updateMacro(ctx, req.params.id, req.body)),
    );
    app.delete(
      '/reply-macros/:id',
      {
        config: { access: ['admin', 'manager'] },
        schema: {
          operationId: 'deleteReplyMacro',
          tags: ['templates'],
          summary: '删除常用回复 Delete a reply macro',
          params: z.object({ id: z.uuid() }),
          response: { 204: noContent('Deleted') },
        },
      },
      async (req, reply) => {
        await deleteMacro(ctx, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
