import { dateToZonedLocal } from '../../../platform/web/time.ts';
import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { newFileKey } from '../../../platform/storage.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { newItemSlug, resourceFormInput, type ResourceForm } from '../inputs.ts';
import { contentPermissions } from '../permissions.ts';
import {
  createStaffResource,
  deleteResource,
  getResourceForStaff,
  itemTitle,
  listResourcesForStaff,
  listTopics,
  resourceFileKey,
  saveResource,
  setResourcePublished,
  snapshotFields,
  type FileChange,
  type StaffResource,
} from '../service.ts';
import { addItemRoutes, renderItemForm, slugParam } from './lifecycle.tsx';
import { afterWrite, readItemForm, renderForm, type ContentScreens } from './requests.ts';
import { checkUpload, megabytes } from './uploads.ts';
import type { FormValues } from './views/pages.tsx';
import { ResourceFactFields, ResourcePreview } from './views/resources.tsx';

const base = '/admin/content/resources';
const fieldNames = ['type', 'publishedOn', 'url', 'removeFile'];

type FormState = {
  resource?: StaffResource | undefined;
  values: FormValues;
  topics: string[];
  errors: FieldErrors;
  preview?: ResourceForm | undefined;
};

/** The research library: facts, topics, a file, and words in each language; mounted at /admin/content/resources. */
export function resourceScreens(screens: ContentScreens): Hono<AdminEnv> {
  const { db, frame, files } = screens;
  const app = new Hono<AdminEnv>();

  const form = async (c: Context<AdminEnv>, state: FormState) => {
    const { resource, values, errors, preview } = state;
    const allTopics = await listTopics(db);
    const heading = resource ? itemTitle(resource.snapshot) : 'Add a resource';
    const slug = resource?.snapshot.slug;
    return renderItemForm(c, screens, {
      kind: 'resource',
      base,
      heading,
      stored: resource,
      values,
      errors,
      multipart: true,
      facts: (
        <ResourceFactFields
          values={values}
          topics={state.topics}
          errors={errors}
          allTopics={allTopics}
          slug={slug}
          currentFile={resource?.snapshot.filePath}
          maxMegabytes={megabytes(screens.uploadMaxBytes)}
        />
      ),
      preview: preview ? (
        <ResourcePreview
          values={values}
          topics={allTopics}
          facts={{
            id: 0,
            slug: slug ?? values.slug ?? '',
            isDemo: false,
            filePath: resource?.snapshot.filePath ?? null,
            ...preview,
          }}
        />
      ) : undefined,
    });
  };

  /** Reads and checks the form, the new address and the file; nothing is stored yet. */
  const readResourceForm = async (c: Context<AdminEnv>, isNew: boolean) => {
    let topics: string[] = [];
    const typed = await readItemForm(c, {
      fields: fieldNames,
      isNew,
      parse: async (words, body) => {
        topics = body.getAll('topics').filter((t): t is string => typeof t === 'string');
        const known = (await listTopics(db)).map((t) => t.slug);
        return resourceFormInput(known).safeParse({ ...words, topics });
      },
    });
    const file = await checkUpload(typed.body.get('file'), screens.uploadMaxBytes);
    if (!file.error) return { ...typed, topics, upload: file.upload };
    return { ...typed, topics, upload: file.upload, errors: { ...typed.errors, file: file.error }, data: undefined };
  };

  type Typed = Awaited<ReturnType<typeof readResourceForm>>;

  /**
   * Stores the file (if any) first, then writes the resource in one
   * transaction; if that fails or is refused, the file just stored goes.
   */
  const write = async (
    c: Context<AdminEnv>,
    typed: Typed & { data: ResourceForm },
    slug: string,
    resource: StaffResource | undefined,
  ) => {
    let change: FileChange = typed.values.removeFile === 'on' ? { action: 'remove' } : { action: 'keep' };
    if (typed.upload) {
      const key = newFileKey(typed.upload.extension);
      await files.put(key, typed.upload.bytes, typed.upload.contentType);
      change = { action: 'replace', key, contentType: typed.upload.contentType, bytes: typed.upload.bytes.length };
    }
    let kept = false;
    try {
      const outcome = resource
        ? await saveResource(db, slug, typed.data, change, frame.actor(c))
        : await createStaffResource(db, slug, typed.data, change, frame.actor(c));
      kept = outcome.ok;
      const notice = typed.upload ? 'uploaded' : resource ? 'saved' : 'created';
      const result = await afterWrite(c, screens, outcome, `${base}/${slug}`, notice);
      return result instanceof Response
        ? result
        : form(c, { resource, values: typed.values, topics: typed.topics, errors: { [result.field]: result.message } });
    } finally {
      if (!kept && change.action === 'replace') await files.delete(change.key).catch(() => {});
    }
  };

  // Today where the organisation is, not in UTC: an evening in Oregon is already tomorrow there.
  app.get('/new', frame.allow(contentPermissions.edit), async (c) =>
    form(c, {
      values: { publishedOn: dateToZonedLocal(new Date(), await frame.timeZone()).slice(0, 10) },
      topics: [],
      errors: {},
    }),
  );

  app.post('/new', frame.allow(contentPermissions.edit), async (c) => {
    const typed = await readResourceForm(c, true);
    if (!typed.data || typed.preview) return form(c, { ...typed, preview: typed.preview ? typed.data : undefined });
    return write(c, { ...typed, data: typed.data }, typed.slug!, undefined);
  });

  // Viewers may read a resource's words here; the form is then shown disabled.
  app.get(`/${slugParam}`, async (c) => {
    const resource = await getResourceForStaff(db, c.req.param('slug')!);
    if (!resource) return c.notFound();
    const { published: _published, topics: _topics, ...values } = snapshotFields(resource.snapshot);
    return form(c, { resource, values, topics: resource.snapshot.topics, errors: {} });
  });

  app.post(`/${slugParam}`, frame.allow(contentPermissions.edit), async (c) => {
    const resource = await getResourceForStaff(db, c.req.param('slug')!);
    if (!resource) return c.notFound();
    const typed = await readResourceForm(c, false);
    if (!typed.data || typed.preview)
      return form(c, { ...typed, resource, preview: typed.preview ? typed.data : undefined });
    return write(c, { ...typed, data: typed.data }, resource.snapshot.slug, resource);
  });

  // The file as uploaded, for staff to check before the resource is published.
  app.get(`/${slugParam}/file`, async (c) => {
    const key = await resourceFileKey(db, c.req.param('slug')!);
    const stored = key ? await files.get(key) : undefined;
    if (!stored) return c.notFound();
    return c.body(stored.bytes.slice(), 200, {
      'Content-Type': stored.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': 'inline',
      'Cache-Control': 'no-store',
    });
  });

  addItemRoutes(app, screens, {
    kind: 'resource',
    base,
    heading: 'Resources',
    addLabel: 'Add a resource',
    detailLabel: 'Type and date',
    detail: (r) => `${r.type} · ${r.publishedOn}`,
    list: listResourcesForStaff,
    find: getResourceForStaff,
    setPublished: setResourcePublished,
    remove: deleteResource,
  });

  return app;
}
