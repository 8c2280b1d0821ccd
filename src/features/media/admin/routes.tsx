import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import type { FileStore } from '../../../platform/storage.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { imageWordFields, imageWordsInput } from '../inputs.ts';
import { addImage, deleteImage, getImageForStaff, listImagesForStaff, saveImageWords } from '../library.ts';
import { mediaPermissions } from '../permissions.ts';
import { acceptedType, ImageRefused, REFUSED_TYPE } from '../processing.ts';
import { ImagePage, MediaList, UploadForm, type WordValues } from './views.tsx';

export type MediaAdminDeps = { db: Db; frame: AdminFrame; files: FileStore; uploadMaxBytes: number };

const base = '/admin/media';
const idParam = ':id{[0-9]{1,9}}';

/** The upload form's address: the one media request allowed a body of UPLOAD_MAX_MB (app.tsx's body limit). */
export function isMediaUploadPath(path: string): boolean {
  return path === `${base}/new`;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

function wordValues(form: FormData): WordValues {
  return Object.fromEntries(imageWordFields.map((name) => [name, formText(form, name)]));
}

/** The media library's screens, mounted at /admin/media: the list, upload, an image's words, delete. */
export function mediaAdminRoutes(deps: MediaAdminDeps): Hono<AdminEnv> {
  const { db, frame, files } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(mediaPermissions.view));

  app.get('/', async (c) =>
    frame.render(c, {
      title: 'Media',
      current: 'media',
      body: <MediaList images={await listImagesForStaff(db)} canUpload={mediaPermissions.upload(c.get('staff')!)} />,
    }),
  );

  const uploadForm = (c: Context<AdminEnv>, values: WordValues, errors: FieldErrors, status = 200) =>
    frame.render(c, {
      title: Object.keys(errors).length > 0 ? 'Error: Upload an image' : 'Upload an image',
      current: 'media',
      status,
      body: (
        <UploadForm
          token={frame.csrfToken(c)}
          values={values}
          errors={errors}
          maxMegabytes={megabytes(deps.uploadMaxBytes)}
        />
      ),
    });

  app.get('/new', frame.allow(mediaPermissions.upload), (c) => uploadForm(c, {}, {}));

  app.post('/new', frame.allow(mediaPermissions.upload), async (c) => {
    const form = await readForm(c);
    const values = wordValues(form);
    const parsed = imageWordsInput.safeParse(values);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error.issues);
    const file = form.get('file');
    if (!file || typeof file === 'string' || file.size === 0) errors.file = 'Choose an image to upload.';
    else if (file.size > deps.uploadMaxBytes)
      errors.file = `The file is too large: it must be ${megabytes(deps.uploadMaxBytes)} MB or smaller.`;
    if (errors.file || typeof file === 'string' || !file) return uploadForm(c, values, errors, 422);
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The kind of file is told with the words' problems, so one round trip shows them all.
    if (!(await acceptedType(bytes))) errors.file = REFUSED_TYPE;
    if (!parsed.success || errors.file) return uploadForm(c, values, errors, 422);
    try {
      const { id } = await addImage(db, files, bytes, parsed.data, frame.actor(c));
      return c.redirect(`${base}/${id}?notice=uploaded`, 303);
    } catch (error) {
      if (error instanceof ImageRefused) return uploadForm(c, values, { file: error.message }, 422);
      throw error;
    }
  });

  const imagePage = async (c: Context<AdminEnv>, id: number, values?: WordValues, errors: FieldErrors = {}) => {
    const image = await getImageForStaff(db, id);
    if (!image) return c.notFound();
    const staff = c.get('staff')!;
    const failed = Object.keys(errors).length > 0;
    const heading = image.altEn.trim() || `Image ${image.id}`;
    return frame.render(c, {
      title: failed ? `Error: ${heading}` : heading,
      current: 'media',
      status: failed ? 422 : 200,
      body: (
        <ImagePage
          image={image}
          token={frame.csrfToken(c)}
          values={values ?? image}
          errors={errors}
          canEdit={mediaPermissions.edit(staff)}
          canRemove={mediaPermissions.remove(staff)}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  };

  // Viewers may read an image's words here; the form is then shown disabled.
  app.get(`/${idParam}`, (c) => imagePage(c, Number(c.req.param('id'))));

  app.post(`/${idParam}`, frame.allow(mediaPermissions.edit), async (c) => {
    const id = Number(c.req.param('id'));
    const values = wordValues(await readForm(c));
    const parsed = imageWordsInput.safeParse(values);
    if (!parsed.success) return imagePage(c, id, values, fieldErrors(parsed.error.issues));
    if (!(await saveImageWords(db, id, parsed.data, frame.actor(c)))) return c.notFound();
    return c.redirect(`${base}/${id}?notice=saved`, 303);
  });

  const askFirst = async (c: Context<AdminEnv>, id: number) => {
    const image = await getImageForStaff(db, id);
    if (!image) return c.notFound();
    const name = image.altEn.trim() ? `the image “${image.altEn.trim()}”` : `image ${image.id}`;
    return frame.render(c, {
      title: `Delete ${name}?`,
      current: 'media',
      body: (
        <ConfirmationPage
          title={`Delete ${name}?`}
          consequences={[
            'Its files are removed for good: this cannot be undone.',
            'Any page, post or setting that shows it will show nothing in its place until another image is chosen.',
          ]}
          action={`${base}/${id}/delete`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, delete it"
          cancelHref={`${base}/${id}`}
          destructive
        />
      ),
    });
  };

  app.get(`/${idParam}/delete`, frame.allow(mediaPermissions.remove), (c) => askFirst(c, Number(c.req.param('id'))));

  // Only the form posted from the question acts; anything else (an old tab, a first click) shows the question.
  app.post(`/${idParam}/delete`, frame.allow(mediaPermissions.remove), async (c) => {
    const id = Number(c.req.param('id'));
    if (formText(await readForm(c), 'confirmed') !== 'yes') return askFirst(c, id);
    if (!(await deleteImage(db, files, id, frame.actor(c)))) return c.notFound();
    return c.redirect(`${base}?notice=deleted`, 303);
  });

  return app;
}
