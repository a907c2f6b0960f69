/**
 * `--queue URL`: a Redis URL, checked before anything connects. `redis://` is plain TCP,
 * `rediss://` is TLS; user and password (Redis ACL / AUTH) may be given in the URL.
 */
import { QueueUrlError } from './errors.js';

export interface QueueUrl {
  /** The URL as given. */
  url: string;
  /** The URL with the password replaced by `***`, for messages and logs. */
  display: string;
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username?: string;
  password?: string;
}

const DEFAULT_PORT = 6379;

/** Parse and check a queue URL; every problem is a `QueueUrlError` naming what was given. */
export function parseQueueUrl(given: string): QueueUrl {
  const text = given.trim();
  if (text === '') throw new QueueUrlError(given, 'an empty value');
  if (!/^rediss?:\/\//i.test(text)) {
    throw new QueueUrlError(given, /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? `the scheme ${text.split(':')[0]}:// is not a Redis URL` : 'a URL starts with redis:// (or rediss:// for TLS)');
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new QueueUrlError(given, 'not a valid URL');
  }
  if (parsed.hostname === '') throw new QueueUrlError(given, 'no host');
  const port = parsed.port === '' ? DEFAULT_PORT : Number(parsed.port);
  const path = parsed.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path)) throw new QueueUrlError(given, `the path /${path} is not a database number`);
  const db = path === '' ? 0 : Number(path);
  if (parsed.search !== '' || parsed.hash !== '') throw new QueueUrlError(given, 'query and fragment are not used; give only redis://HOST:PORT/DB');
  const username = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  const hidden = new URL(parsed.href);
  if (hidden.password !== '') hidden.password = '***';
  const display = `${hidden.protocol}//${hidden.username ? `${hidden.username}${hidden.password ? ':***' : ''}@` : ''}${hidden.host}/${db}`;
  return {
    url: text, display, host: parsed.hostname.replace(/^\[|\]$/g, ''), port, db, tls: parsed.protocol.toLowerCase() === 'rediss:',
    ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}),
  };
}
