export * from './lib/document-schema';
export * from './lib/docx-media-type';
export * from './lib/element-bookmark';
