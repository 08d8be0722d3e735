import { idFromBookmark, paragraphBookmarkName, sectionBookmarkName } from './element-bookmark';

const ID = '01JDQ4V2X3Y4Z5A6B7C8D9E0F1';

describe('element bookmarks', () => {
  it('round-trips paragraph and section ids within Word’s 40-character, hidden-bookmark rules', () => {
    for (const [name, kind] of [
      [paragraphBookmarkName(ID), 'paragraph'],
      [sectionBookmarkName(ID), 'section'],
    ] as const) {
      expect(name.length).toBeLessThanOrEqual(40);
      expect(name.startsWith('_')).toBe(true);
      expect(idFromBookmark(name, kind)).toBe(ID);
    }
  });

  it('ignores bookmarks it did not write', () => {
    expect(idFromBookmark('_GoBack', 'paragraph')).toBeNull();
    expect(idFromBookmark(sectionBookmarkName(ID), 'paragraph')).toBeNull();
    expect(idFromBookmark('_fwp_not-a-ulid', 'paragraph')).toBeNull();
  });
});
