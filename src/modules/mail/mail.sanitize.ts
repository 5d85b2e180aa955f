import sanitizeHtml from 'sanitize-html';

// HTML from outside is displayed only after this: no script, styles, forms or event handlers, links
// open safely, and remote images are held back (a tracking pixel tells the sender the mail was read)
// until the reader consents: their address moves to data-remote-src and the web app swaps it back.

const BASE: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'font', 'center'],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height', 'data-remote-src'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data', 'cid', 'http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
  },
};

export function sanitizeMailHtml(html: string, opts: { remoteImages: boolean } = { remoteImages: false }): string {
  return sanitizeHtml(html, {
    ...BASE,
    allowedAttributes: { ...BASE.allowedAttributes, a: ['href', 'title', 'rel', 'target'] },
    transformTags: {
      ...BASE.transformTags,
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        if (opts.remoteImages || !/^(https?:)?\/\//i.test(src)) return { tagName, attribs };
        const { src: _src, ...rest } = attribs;
        return { tagName, attribs: { ...rest, 'data-remote-src': src, alt: rest.alt || '[远程图片 remote image]' } };
      },
    },
  });
}

/** Whether sanitised HTML holds remote images waiting for consent. */
export function hasRemoteImages(html: string): boolean {
  return html.includes('data-remote-src=');
}
