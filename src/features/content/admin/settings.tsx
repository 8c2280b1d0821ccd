import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { brandFileKeys, brandFilePath, makeFavicon, makeLogo } from '../brand-images.ts';
import { contentPermissions } from '../permissions.ts';
import {
  saveSettings,
  settingsFieldNames,
  settingsFormInput,
  settingsFormValues,
  timeZones,
  type ImageChange,
} from '../settings-editing.ts';
import { getSiteSettings, type SiteFavicon, type SiteLogo } from '../settings.ts';
import { afterWrite, formText, readForm, type ContentScreens } from './requests.ts';
import { megabytes } from './uploads.ts';
import { SettingsFormView, type BrandImages } from './views/settings.tsx';

/**
 * The organisation's settings, for content writers: one form, mounted at
 * /admin/settings. Its history is content's (/admin/content/history/settings/site).
 */
export function settingsScreens(screens: ContentScreens): Hono<AdminEnv> {
  const { db, frame, files } = screens;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(contentPermissions.settings));

  const form = async (c: Context<AdminEnv>, values: Record<string, string>, errors: FieldErrors) => {
    const stored = await getSiteSettings(db);
    const images: BrandImages = {
      ...(stored.logo ? { logo: { ...stored.logo, src: brandFilePath(stored.logo.key) } } : {}),
      ...(stored.favicon ? { favicon: brandFilePath(stored.favicon.small) } : {}),
    };
    const failed = Object.values(errors).some(Boolean);
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Settings`,
      current: 'settings',
      status: failed ? 400 : 200,
      body: (
        <SettingsFormView
          values={values}
          errors={errors}
          token={frame.csrfToken(c)}
          // A zone stored before the list (an alias such as US/Pacific) stays offered, so a save cannot move it.
          timeZones={timeZones.includes(stored.timeZone) ? timeZones : [stored.timeZone, ...timeZones]}
          images={images}
          maxMegabytes={megabytes(screens.uploadMaxBytes)}
        />
      ),
    });
  };

  app.get('/', async (c) => form(c, settingsFormValues(await getSiteSettings(db)), {}));

  app.post('/', async (c) => {
    const body = await readForm(c);
    const values = Object.fromEntries(
      [...settingsFieldNames, 'removeLogo', 'removeFavicon'].map((name) => [name, formText(body, name)]),
    );
    const parsed = settingsFormInput.safeParse(values);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error.issues);
    // Images are made only once the words pass, so a refused form stores no file.
    if (!parsed.success) return form(c, values, errors);
    const made: string[] = [];
    let kept = false;
    try {
      const logo = await makeLogo(body.get('logo'), screens.uploadMaxBytes, files);
      const favicon = logo.error ? {} : await makeFavicon(body.get('favicon'), screens.uploadMaxBytes, files);
      for (const image of [logo.image, favicon.image]) if (image) made.push(...brandFileKeys(keysOf(image)));
      if (logo.error || favicon.error)
        return form(c, values, { ...(logo.error ? { logo: logo.error } : {}), favicon: favicon.error });
      const outcome = await saveSettings(
        db,
        {
          form: parsed.data,
          logo: imageChange<SiteLogo>(logo.image, values.removeLogo),
          favicon: imageChange<SiteFavicon>(favicon.image, values.removeFavicon),
        },
        frame.actor(c),
      );
      kept = outcome.ok;
      const result = await afterWrite(c, screens, outcome, '/admin/settings', 'saved');
      return result instanceof Response ? result : form(c, values, { [result.field]: result.message });
    } finally {
      // Files made for a save that did not happen are nobody's.
      if (!kept) for (const key of made) await files.delete(key).catch(() => {});
    }
  });

  return app;
}

function imageChange<T>(made: T | undefined, remove: string | undefined): ImageChange<T> {
  if (made) return { action: 'replace', image: made };
  return remove === 'on' ? { action: 'remove' } : { action: 'keep' };
}

function keysOf(image: SiteLogo | SiteFavicon) {
  return 'key' in image ? { logo: image, favicon: null } : { logo: null, favicon: image };
}
