import type { SiteFrame } from '../../platform/web/layout.tsx';
import { brandFilePath } from './brand-images.ts';
import { profileLabel, themeOf } from './brand.ts';
import type { SiteSettings } from './settings.ts';

/**
 * What the frame of every public page takes from the settings: the name and
 * contacts, the Donate button, the profiles, the logo, the icons and the
 * brand colours' stylesheet. The app adds what other features give (the menu).
 */
export function siteFrameOf(settings: SiteSettings): SiteFrame {
  const theme = themeOf(settings);
  return {
    name: settings.name,
    legalName: settings.legalName,
    description: settings.description,
    contactEmail: settings.contactEmail,
    phone: settings.phone,
    postalAddress: settings.postalAddress,
    demo: settings.demo,
    timeZone: settings.timeZone,
    defaultLocale: settings.defaultLanguage,
    donateUrl: settings.donateUrl,
    profiles: settings.profiles.map((url) => ({ url, label: profileLabel(url) })),
    ...(settings.logo
      ? { logo: { src: brandFilePath(settings.logo.key), width: settings.logo.width, height: settings.logo.height } }
      : {}),
    ...(settings.favicon
      ? { favicon: { small: brandFilePath(settings.favicon.small), large: brandFilePath(settings.favicon.large) } }
      : {}),
    ...(theme ? { theme: { path: theme.path, colour: settings.brandDarkColour || undefined } } : {}),
  };
}
