import { describe, expect, it } from 'vitest';
import { bodyOf, checkStep, emptyDraft, firstIncompleteStep, stepOf, stepOfField, type ReportDraft } from './report-draft.ts';

const complete = (): ReportDraft => ({
  ...emptyDraft(),
  topicCode: 'giao-thong',
  place: { lat: 11.3012345678, lng: 106.0987654321 },
  placeSource: 'map',
  title: '  Ổ gà lớn trước chợ  ',
  description: 'Ổ gà sâu khoảng 20 cm, xe máy dễ ngã khi trời mưa.',
});

describe('report draft', () => {
  it('asks for a topic, then a place, then a title and a description', () => {
    const d = emptyDraft();
    expect(checkStep(1, d)).toEqual({ topicCode: 'required' });
    expect(checkStep(2, d)).toEqual({ place: 'required' });
    expect(checkStep(3, d)).toEqual({ title: 'required', description: 'required' });
    expect(firstIncompleteStep(d)).toBe(1);
    expect(firstIncompleteStep({ ...d, topicCode: 'x' })).toBe(2);
    expect(firstIncompleteStep(complete())).toBeNull();
  });

  it('takes a commune instead of a point, but then needs an address', () => {
    const byCommune = { ...emptyDraft(), communeCode: '25459', placeSource: 'commune' as const };
    expect(checkStep(2, byCommune)).toEqual({ address: 'required' });
    expect(checkStep(2, { ...byCommune, address: 'Chợ Tây Ninh' })).toEqual({});
  });

  it('refuses a description too short or too long and a title over 200 characters', () => {
    expect(checkStep(3, { ...complete(), description: 'ngắn' })).toEqual({ description: 'tooShort' });
    expect(checkStep(3, { ...complete(), description: 'x'.repeat(5001) })).toEqual({ description: 'tooLong' });
    expect(checkStep(3, { ...complete(), title: 'x'.repeat(201) })).toEqual({ title: 'tooLong' });
  });

  it('builds the request: trimmed words, coordinates to 6 decimals, photos by id, optional fields left out', () => {
    const d = { ...complete(), photos: [{ fileId: 'f1', publicFileId: 'p1', width: 10, height: 10, name: 'a.jpg', previewUrl: 'blob:x' }] };
    expect(bodyOf(d, null)).toEqual({
      topicCode: 'giao-thong',
      title: 'Ổ gà lớn trước chợ',
      description: 'Ổ gà sâu khoảng 20 cm, xe máy dễ ngã khi trời mưa.',
      lat: 11.301235,
      lng: 106.098765,
      privacy: 'secret',
      photoFileIds: ['f1'],
      channel: 'web',
    });
  });

  it('places a report given by its commune at the commune centre', () => {
    const d = { ...complete(), place: null, placeSource: 'commune' as const, communeCode: '25459', address: 'Chợ Tây Ninh' };
    expect(bodyOf(d, { lat: 11.3, lng: 106.095 })).toMatchObject({ lat: 11.3, lng: 106.095, communeCode: '25459', address: 'Chợ Tây Ninh' });
    expect(() => bodyOf(d, null)).toThrow();
  });

  it('reads the step from the address and finds the step of a server error', () => {
    expect(stepOf('3')).toBe(3);
    expect(stepOf('9')).toBe(1);
    expect(stepOf(null)).toBe(1);
    expect(stepOfField('lat')).toBe(2);
    expect(stepOfField('photoFileIds.0')).toBe(2);
    expect(stepOfField('topicCode')).toBe(1);
    expect(stepOfField('description')).toBe(3);
  });
});
