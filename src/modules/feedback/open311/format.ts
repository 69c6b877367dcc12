import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * GeoReport v2 answers in the format named by the resource's suffix (`services.xml`,
 * `requests/PA-261205-0001.json`). XML is the spec's required format and the fallback where the
 * suffix is missing or unknown. Every answer is UTF-8; XML starts with its declaration.
 */
export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format a path asks for: `.json` → json, anything else → xml. */
export const formatOfPath = (url: string): Format => (/\.json$/i.test(url.split('?')[0] ?? '') ? 'json' : 'xml');

/** A value as it goes out: missing → null (JSON) or an empty element (XML). */
export type Plain = string | number | boolean | null | undefined | Plain[] | { [k: string]: Plain };

/** XML 1.0 cannot carry most C0 control characters, even escaped: drop them from text. */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const forXml = (value: Plain): unknown => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(NOT_XML_CHAR, '');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(forXml);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]));
};

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/**
 * Builds an XML document. `root` wraps everything; a list goes in as `{ root: { item: [...] } }`
 * so `<services><service>…</service></services>`; null fields become empty elements.
 */
export const toXml = (root: string, content: Plain): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: forXml(content) })}`;

/**
 * One answer in both formats: `json` is the JSON body; `xml` is the root element's name and its
 * content (lists: `{ item: [...] }`).
 */
export type Answer = { json: Plain; xml: { root: string; content: Plain } };

export const sendAnswer = (reply: FastifyReply, format: Format, answer: Answer, status = 200) => {
  const body = format === 'json' ? JSON.stringify(answer.json) : toXml(answer.xml.root, answer.xml.content);
  return reply.status(status).type(CONTENT_TYPES[format]).send(body);
};

/** A list answer: a JSON array, or `<root><item>…</item>…</root>`. */
export const listAnswer = (root: string, item: string, items: { [k: string]: Plain }[]): Answer => ({
  json: items,
  xml: { root, content: items.length ? { [item]: items } : '' },
});
