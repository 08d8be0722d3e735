/** The registered media type of a Word (.docx, Office Open XML) document. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
