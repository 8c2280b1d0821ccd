import type { Locale } from '../../../platform/web/locale.ts';

/**
 * The MJML source of the email layouts. It is compiled to HTML ahead of time
 * (`npm run email:layouts`, ADR 020), never in the running app: importing
 * mjml alone costs about 95 MB of memory. What changes per message or per
 * site is left as a slot, filled by plain string substitution.
 */

/** Transactional mail (confirmations) vs list mail (broadcasts), which carries preference and unsubscribe links. */
export const layoutNames = ['transactional', 'list'] as const;
export type LayoutName = (typeof layoutNames)[number];

/** Slots in the compiled HTML. Each marker is plain letters, so MJML passes it through untouched. */
export const slots = {
  subject: '__GS_SUBJECT__',
  preheader: '__GS_PREHEADER__',
  orgName: '__GS_ORG_NAME__',
  signature: '__GS_SIGNATURE__',
  body: '__GS_BODY__',
  actionUrl: '__GS_ACTION_URL__',
  actionLabel: '__GS_ACTION_LABEL__',
  preferencesUrl: '__GS_PREFERENCES_URL__',
} as const;
export type SlotName = keyof typeof slots;

/** The optional button is cut out between these comments at first use, and put back only when a message has one. */
export const actionStart = '<!--gs:action-->';
export const actionEnd = '<!--/gs:action-->';

/** Words of the layouts, in both languages; `orgName` stands for the slot. */
export type LayoutWords = {
  listReason: (orgName: string) => string;
  preferences: string;
  unsubscribe: string;
  /** The plain-text part's footer line: one URL for both, since unsubscribing is a button on that page. */
  preferencesText: string;
};

export const layoutWords: Record<Locale, LayoutWords> = {
  en: {
    listReason: (org) => `You get this email because you subscribed to news from ${org}.`,
    preferences: 'Choose what you receive',
    unsubscribe: 'Unsubscribe',
    preferencesText: 'Choose what you receive, or unsubscribe',
  },
  es: {
    listReason: (org) => `Recibes este correo porque te suscribiste a las novedades de ${org}.`,
    preferences: 'Elige qué recibes',
    unsubscribe: 'Darme de baja',
    preferencesText: 'Elige qué recibes o date de baja',
  },
};

// The site's palette (src/platform/web/site.css), and fonts every device already has: no third-party font host.
const ink = '#1d2330';
const muted = '#4a5263';
const wash = '#f4f1ea';
const brand = '#124e66';
const fonts = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const buttonStyle =
  `align="left" background-color="${brand}" color="#ffffff" font-size="16px" font-weight="700" ` +
  'border-radius="6px" inner-padding="12px 20px" padding="8px 24px 0"';

export function layoutMjml(layout: LayoutName, locale: Locale): string {
  const words = layoutWords[locale];
  // Both links lead to the preferences page: a link is a GET, and only the
  // one-click POST named in the List-Unsubscribe header may unsubscribe, so
  // a mail scanner following links can never unsubscribe anyone.
  const preferencesLink = `<a href="${slots.preferencesUrl}">${words.preferences}</a>`;
  const unsubscribeLink = `<a href="${slots.preferencesUrl}">${words.unsubscribe}</a>`;
  const listFooter =
    layout === 'list'
      ? `<p>${words.listReason(slots.orgName)}</p>
          <p>${preferencesLink} · ${unsubscribeLink}</p>`
      : '';
  return `<mjml lang="${locale}" dir="ltr">
  <mj-head>
    <mj-title>${slots.subject}</mj-title>
    <mj-preview>${slots.preheader}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${fonts}" />
      <mj-text font-size="16px" line-height="1.5" color="${ink}" padding="0 24px" />
    </mj-attributes>
    <mj-style>
      .gs-body p { margin: 0 0 16px; }
      .gs-body h2, .gs-body h3 { color: ${ink}; line-height: 1.25; margin: 24px 0 8px; }
      .gs-body a { color: ${brand}; }
      .gs-body div > :first-child { margin-top: 0; }
      .gs-body blockquote { border-left: 4px solid ${wash}; margin: 0 0 16px; padding-left: 12px; }
      .gs-footer p { margin: 0 0 8px; }
      .gs-footer a { color: ${muted}; }
    </mj-style>
  </mj-head>
  <mj-body background-color="${wash}" width="600px">
    <mj-section padding="24px 0 12px">
      <mj-column>
        <mj-text font-size="18px" font-weight="700" color="${brand}">${slots.orgName}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" border-radius="6px" padding="24px 0">
      <mj-column>
        <mj-text css-class="gs-body">${slots.body}</mj-text>
        <mj-raw>${actionStart}</mj-raw>
        <mj-button href="${slots.actionUrl}" ${buttonStyle}>${slots.actionLabel}</mj-button>
        <mj-raw>${actionEnd}</mj-raw>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 0 32px">
      <mj-column>
        <mj-text css-class="gs-footer" font-size="13px" color="${muted}">
          ${listFooter}
          <p>${slots.signature}</p>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
