import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import type { ImageLibrary } from '../../../platform/web/images.tsx';
import { isLocale, type Locale } from '../../../platform/web/locale.ts';
import { listTopics } from '../../content/service.ts';
import { postFacts, postWords, type PostFacts, type PostWords } from '../inputs.ts';
import { newsPermissions } from '../permissions.ts';
import {
  addPostTranslation,
  createPost,
  deletePost,
  getPostForStaff,
  listPostsForStaff,
  postTitle,
  savePost,
  setPostPublished,
  type PostOutcome,
  type StaffPost,
} from '../post-editing.ts';
import { PostArticle } from '../views/NewsPages.tsx';
import { languageLabel, MissingLanguageView, NewsListView, PostFormView, type FormValues } from './views.tsx';

export type NewsAdminDeps = {
  db: Db;
  frame: AdminFrame;
  cache: PageCache;
  images: ImageLibrary;
  /** The organisation's name: a new post's author until staff name a person. */
  siteName: () => Promise<string>;
};

const idParam = ':id{[0-9]{1,9}}';
const localeParam = ':locale{en|es}';
const factNames = ['slug', 'type', 'publishedOn', 'authorName', 'imageId'] as const;
const wordNames = ['title', 'summary', 'bodyMd'] as const;

/** What was typed and, when nothing was refused, what to store. */
type TypedPost = { values: FormValues; errors: FieldErrors; facts?: PostFacts; words?: PostWords; preview: boolean };

/**
 * Staff write news here, one language at a time: the shared facts (address, kind, date, author, image,
 * topics) and that language's words, with a preview, publishing, and a delete that asks first. Every
 * screen needs `view`; each change asks for its own permission (permissions.ts). Mounted at /admin/news.
 */
export function newsAdminRoutes(deps: NewsAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(newsPermissions.view));

  const abilities = (c: Context<AdminEnv>) => {
    const staff = c.get('staff')!;
    return {
      edit: newsPermissions.edit(staff),
      publish: newsPermissions.publish(staff),
      remove: newsPermissions.remove(staff),
    };
  };
  const topicChoices = async () =>
    (await deps.cache.value('topics', () => listTopics(db))).map((t) => ({ slug: t.slug, name: t.names.en }));

  /** Reads and checks the form; the image must be one the library offers, the topics content's own. */
  async function readPostForm(c: Context<AdminEnv>, isNew: boolean): Promise<TypedPost & { locale?: Locale }> {
    const body = await readForm(c);
    const topics = await topicChoices();
    const values: FormValues = Object.fromEntries(
      [...factNames, ...wordNames, ...(isNew ? ['locale'] : [])].map((name) => [name, formText(body, name)]),
    );
    for (const topic of topics)
      if (formText(body, `topic-${topic.slug}`) === 'on') values[`topic-${topic.slug}`] = 'on';
    const imageId = values.imageId ? Number(values.imageId) : null;
    const facts = postFacts.safeParse({
      ...values,
      imageId: imageId !== null && Number.isSafeInteger(imageId) ? imageId : null,
      topics: topics.filter((t) => values[`topic-${t.slug}`] === 'on').map((t) => t.slug),
    });
    const words = postWords.safeParse(values);
    const errors: FieldErrors = {
      ...(facts.success ? {} : fieldErrors(facts.error.issues)),
      ...(words.success ? {} : fieldErrors(words.error.issues)),
    };
    if (values.imageId && !(await deps.images.choices()).some((i) => String(i.id) === values.imageId))
      errors.imageId = 'Choose an image from the list';
    if (isNew && !isLocale(values.locale)) errors.locale = 'Choose English or Spanish';
    const ok = Object.keys(errors).length === 0 && facts.success && words.success;
    return {
      values,
      errors,
      facts: ok ? facts.data : undefined,
      words: ok ? words.data : undefined,
      locale: isLocale(values.locale) ? values.locale : undefined,
      preview: formText(body, 'intent') === 'preview',
    };
  }

  /** The form screen: 400 with "Error:" leading the title when anything was refused, "Preview:" when previewing. */
  async function form(
    c: Context<AdminEnv>,
    state: { post?: StaffPost | undefined; locale: Locale; typed: Omit<TypedPost, 'preview'>; preview?: boolean },
  ) {
    const { post, locale, typed } = state;
    const failed = Object.values(typed.errors).some(Boolean);
    const heading = post ? `${postTitle(post)} (${languageLabel[locale]})` : 'Write a post';
    const previewing = Boolean(state.preview && typed.facts && typed.words);
    const [images, topics, preview] = await Promise.all([
      deps.images.choices(),
      topicChoices(),
      previewing ? previewOf(typed.facts!, typed.words!, locale, post) : undefined,
    ]);
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}${previewing ? 'Preview: ' : ''}${heading}`,
      current: 'news',
      status: failed ? 400 : 200,
      body: (
        <PostFormView
          post={post}
          locale={locale}
          heading={heading}
          values={typed.values}
          errors={typed.errors}
          token={frame.csrfToken(c)}
          can={abilities(c)}
          images={images}
          topics={topics}
          timeZone={await frame.timeZone()}
          preview={preview}
        />
      ),
    });
  }

  /** What was typed, as the public page will show it. */
  async function previewOf(facts: PostFacts, words: PostWords, locale: Locale, post: StaffPost | undefined) {
    const [found, topics] = await Promise.all([
      facts.imageId === null ? new Map() : deps.images.find([facts.imageId], locale),
      deps.cache.value('topics', () => listTopics(db)),
    ]);
    const publicPost = {
      ...facts,
      ...words,
      id: post?.id ?? 0,
      isDemo: post?.isDemo ?? false,
      updatedAt: new Date(),
      locale,
      isFallback: false,
    };
    const names = new Map(topics.map((t) => [t.slug, t.names[locale]]));
    const image = facts.imageId === null ? undefined : found.get(facts.imageId);
    return <PostArticle post={publicPost} locale={locale} image={image} topics={names} />;
  }

  /** After a write: public pages afresh (this process at once, others by the content version), then onward. */
  function afterWrite(c: Context<AdminEnv>, outcome: PostOutcome, next: (id: number) => string, notice: string) {
    if (!outcome.ok) return outcome.problem === 'not-found' ? c.notFound() : undefined;
    deps.cache.invalidate();
    return c.redirect(`${next(outcome.id)}?notice=${notice}`, 303);
  }

  const postOf = (c: Context<AdminEnv>) => getPostForStaff(db, Number(c.req.param('id')));
  const localeOf = (c: Context<AdminEnv>) => c.req.param('locale') as Locale;

  app.get('/', async (c) =>
    frame.render(c, {
      title: 'News',
      current: 'news',
      body: <NewsListView posts={await listPostsForStaff(db)} canEdit={abilities(c).edit} />,
    }),
  );

  app.get('/new', frame.allow(newsPermissions.edit), async (c) => {
    const today = new Date().toISOString().slice(0, 10);
    const values = { locale: 'en', type: 'news', publishedOn: today, authorName: await deps.siteName() };
    return form(c, { locale: 'en', typed: { values, errors: {} } });
  });

  app.post('/new', frame.allow(newsPermissions.edit), async (c) => {
    const typed = await readPostForm(c, true);
    const locale = typed.locale ?? 'en';
    if (!typed.facts || !typed.words || typed.preview) return form(c, { locale, typed, preview: typed.preview });
    const outcome = await createPost(db, { facts: typed.facts, words: { [locale]: typed.words } }, frame.actor(c));
    const next = afterWrite(c, outcome, (id) => `/admin/news/${id}/${locale}`, 'created');
    if (next) return next;
    const refused = outcome as { field: string; message: string };
    return form(c, { locale, typed: { ...typed, errors: { [refused.field]: refused.message } } });
  });

  app.get(`/${idParam}/${localeParam}`, async (c) => {
    const post = await postOf(c);
    if (!post) return c.notFound();
    const locale = localeOf(c);
    const words = post.words[locale];
    if (!words) {
      return frame.render(c, {
        title: `${postTitle(post)}: no ${languageLabel[locale]} version`,
        current: 'news',
        body: (
          <MissingLanguageView post={post} locale={locale} token={frame.csrfToken(c)} canEdit={abilities(c).edit} />
        ),
      });
    }
    const values: FormValues = {
      slug: post.slug,
      type: post.type,
      publishedOn: post.publishedOn,
      authorName: post.authorName,
      imageId: post.imageId === null ? '' : String(post.imageId),
      title: words.title,
      summary: words.summary,
      bodyMd: words.bodyMd,
      ...Object.fromEntries(post.topics.map((t) => [`topic-${t}`, 'on'])),
    };
    return form(c, { post, locale, typed: { values, errors: {} } });
  });

  app.post(`/${idParam}/${localeParam}`, frame.allow(newsPermissions.edit), async (c) => {
    const post = await postOf(c);
    if (!post) return c.notFound();
    const locale = localeOf(c);
    const typed = await readPostForm(c, false);
    if (!typed.facts || !typed.words || typed.preview) return form(c, { post, locale, typed, preview: typed.preview });
    const outcome = await savePost(db, post.id, locale, typed.facts, typed.words, frame.actor(c));
    const next = afterWrite(c, outcome, (id) => `/admin/news/${id}/${locale}`, 'saved');
    if (next) return next;
    const refused = outcome as { field: string; message: string };
    return form(c, { post, locale, typed: { ...typed, errors: { [refused.field]: refused.message } } });
  });

  app.post(`/${idParam}/${localeParam}/add`, frame.allow(newsPermissions.edit), async (c) => {
    const locale = localeOf(c);
    const outcome = await addPostTranslation(db, Number(c.req.param('id')), locale, frame.actor(c));
    return afterWrite(c, outcome, (id) => `/admin/news/${id}/${locale}`, 'created') ?? c.notFound();
  });

  app.post(`/${idParam}/publish`, frame.allow(newsPermissions.publish), async (c) => {
    const outcome = await setPostPublished(db, Number(c.req.param('id')), true, frame.actor(c));
    return afterWrite(c, outcome, (id) => `/admin/news/${id}/en`, 'published') ?? c.notFound();
  });

  // Unpublishing and deleting ask first, on a page that says what visitors will see; only its form acts.
  const steps = {
    unpublish: {
      allowed: frame.allow(newsPermissions.publish),
      question: (title: string) => `Unpublish the post “${title}”?`,
      consequences: [
        'It leaves the list of news, the feed and the site map, in both languages; its address answers “not found”.',
        'Nothing is deleted: you can publish it again at any time.',
      ],
      confirmLabel: 'Yes, unpublish it',
      act: (id: number, c: Context<AdminEnv>) => setPostPublished(db, id, false, frame.actor(c)),
      next: (id: number) => `/admin/news/${id}/en`,
      notice: 'unpublished',
    },
    delete: {
      allowed: frame.allow(newsPermissions.remove),
      question: (title: string) => `Delete the post “${title}”?`,
      consequences: [
        'It is removed from the site and from this workspace, in both languages.',
        'This cannot be undone: the audit log keeps a record of what it said.',
      ],
      confirmLabel: 'Yes, delete it',
      act: (id: number, c: Context<AdminEnv>) => deletePost(db, id, frame.actor(c)),
      next: () => '/admin/news',
      notice: 'deleted',
    },
  };
  for (const action of ['unpublish', 'delete'] as const) {
    const step = steps[action];
    const ask = async (c: Context<AdminEnv>) => {
      const post = await postOf(c);
      if (!post) return c.notFound();
      const title = step.question(postTitle(post));
      return frame.render(c, {
        title,
        current: 'news',
        body: (
          <ConfirmationPage
            title={title}
            consequences={step.consequences}
            action={`/admin/news/${post.id}/${action}`}
            token={frame.csrfToken(c)}
            confirmLabel={step.confirmLabel}
            cancelHref={`/admin/news/${post.id}/${post.words.en ? 'en' : 'es'}`}
            destructive
          />
        ),
      });
    };
    app.get(`/${idParam}/${action}`, step.allowed, ask);
    app.post(`/${idParam}/${action}`, step.allowed, async (c) => {
      if (formText(await readForm(c), 'confirmed') !== 'yes') return ask(c);
      const outcome = await step.act(Number(c.req.param('id')), c);
      return afterWrite(c, outcome, step.next, step.notice) ?? c.notFound();
    });
  }

  return app;
}
