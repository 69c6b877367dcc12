import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatOfPath, listAnswer, toXml } from './format.ts';

describe('Open311 formats', () => {
  it('picks the format from the suffix, XML when there is none', () => {
    expect(formatOfPath('/open311/v2/services.json?jurisdiction_id=80')).toBe('json');
    expect(formatOfPath('/open311/v2/services.JSON')).toBe('json');
    expect(formatOfPath('/open311/v2/services.xml')).toBe('xml');
    expect(formatOfPath('/open311/v2/services')).toBe('xml');
    expect(formatOfPath('/open311/v2/x.json/y')).toBe('xml');
  });

  it('writes XML with the declaration, escaped text, empty elements for nulls and repeated list items', () => {
    const xml = toXml('service_requests', listAnswer('service_requests', 'request', [
      { service_request_id: 'PA-1', description: 'Ống <cống> & "nắp"\u0007 vỡ', lat: 11.3, zipcode: null, metadata: true },
      { service_request_id: 'PA-2' },
    ]).xml.content);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>')).toBe(true);
    expect(xml).toContain('<zipcode></zipcode>');
    expect(xml).not.toContain('\u0007');
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as { service_requests: { request: Record<string, string>[] } };
    expect(parsed.service_requests.request).toHaveLength(2);
    expect(parsed.service_requests.request[0]).toMatchObject({ description: 'Ống <cống> & "nắp" vỡ', lat: '11.3', metadata: 'true' });
  });

  it('writes an empty list as an empty root element and an empty JSON array', () => {
    const answer = listAnswer('services', 'service', []);
    expect(answer.json).toEqual([]);
    expect(toXml(answer.xml.root, answer.xml.content)).toContain('<services></services>');
  });
});
