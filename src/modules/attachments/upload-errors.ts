import { AppError } from '../../domain/shared/errors';

// @fastify/multipart and busboy report a broken form as plain errors (or FST_* codes); whatever the
// generic error handler makes of them, an upload answers 400/413 in the documented shape, never 500.
export const MAX_FILES_PER_UPLOAD = 10;

export function tooManyFiles(): AppError {
  return new AppError('validation_failed', {
    userMessage: { zh: `一次最多上传 ${MAX_FILES_PER_UPLOAD} 个文件`, en: `At most ${MAX_FILES_PER_UPLOAD} files per upload` },
    issues: [{ path: 'file', code: 'too_many', message: `at most ${MAX_FILES_PER_UPLOAD} files per upload` }],
  });
}

/** The error to answer for a failure while reading the multipart body (the client's side). */
export function multipartError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return tooManyFiles();
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('payload_too_large');
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError('validation_failed', {
    message: `malformed multipart body: ${detail}`,
    userMessage: { zh: '上传内容不完整或格式错误，请重新上传', en: 'The upload is incomplete or malformed: please upload again' },
    issues: [{ path: 'body', code: code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' ? 'too_many_parts' : 'malformed_multipart', message: detail }],
  });
}
