import { BackLink, formatDate, Notice, Prose } from '../../../platform/web/components.tsx';
import { Figure, Picture, type PlacedImage } from '../../../platform/web/images.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import { newsMessages } from '../messages.ts';
import type { PostSummary, PublicPost } from '../posts.ts';

export type TopicNames = ReadonlyMap<string, string>;

/** The line under a title: kind, date, and a sample's badge. */
function PostMeta(props: { post: PostSummary; locale: Locale }) {
  const { post, locale } = props;
  const t = newsMessages(locale);
  return (
    <p class="meta">
      {t.type[post.type]} · <time datetime={post.publishedOn}>{formatDate(post.publishedOn, locale)}</time>
      {post.isFallback ? ` · ${t.inEnglish}` : ''}
      {post.isDemo ? (
        <>
          {' '}
          <span class="badge">{t.sample}</span>
        </>
      ) : null}
    </p>
  );
}

/** /news: every published post, newest first, a page at a time; thumbnails are small and load lazily. */
export function NewsListPage(props: {
  locale: Locale;
  items: PostSummary[];
  images: ReadonlyMap<number, PlacedImage>;
  page: number;
  pages: number;
}) {
  const { locale, items, page, pages } = props;
  const t = newsMessages(locale);
  const list = localizedPath(locale, '/news');
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      {items.length === 0 ? <p>{t.empty}</p> : null}
      <ul class="list-plain news-list">
        {items.map((post) => {
          const lang = post.isFallback ? post.locale : undefined;
          const image = post.imageId === null ? undefined : props.images.get(post.imageId);
          return (
            <li class="news-item">
              <div>
                <h2 lang={lang}>
                  <a href={localizedPath(locale, `/news/${post.slug}`)}>{post.title}</a>
                </h2>
                <PostMeta post={post} locale={locale} />
                <p lang={lang}>{post.summary}</p>
              </div>
              {image ? <Picture image={image} sizes="6rem" class="news-thumb" /> : null}
            </li>
          );
        })}
      </ul>
      {pages > 1 ? (
        <nav class="pagination" aria-label={t.pagination}>
          {page > 1 ? (
            <a rel="prev" href={page === 2 ? list : `${list}?page=${page - 1}`}>
              ← {t.previous}
            </a>
          ) : null}
          <span aria-current="page">{t.page(Math.min(page, pages), pages)}</span>
          {page < pages ? (
            <a rel="next" href={`${list}?page=${page + 1}`}>
              {t.next} →
            </a>
          ) : null}
        </nav>
      ) : null}
      <p>
        <a href={localizedPath(locale, '/news/feed.xml')} type="application/atom+xml">
          {t.feedLink}
        </a>
      </p>
    </>
  );
}

/** The post itself: also what the workspace's preview shows. The image is the first thing after the title. */
export function PostArticle(props: {
  post: PublicPost;
  locale: Locale;
  image: PlacedImage | undefined;
  topics: TopicNames;
}) {
  const { post, locale, image } = props;
  const t = newsMessages(locale);
  const lang = post.isFallback ? post.locale : undefined;
  return (
    <article class="news-article">
      <h1 lang={lang}>{post.title}</h1>
      <PostMeta post={post} locale={locale} />
      {post.authorName ? (
        <p class="meta">
          {t.by} {post.authorName}
        </p>
      ) : null}
      <p class="lead" lang={lang}>
        {post.summary}
      </p>
      {image ? <Figure image={image} sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" eager /> : null}
      <Prose markdown={post.bodyMd} locale={locale} lang={post.locale} />
      {post.topics.length > 0 ? (
        <p class="meta">
          {t.topics}: {post.topics.map((slug) => props.topics.get(slug) ?? slug).join(', ')}
        </p>
      ) : null}
    </article>
  );
}

export function PostPage(props: {
  post: PublicPost;
  locale: Locale;
  image: PlacedImage | undefined;
  topics: TopicNames;
}) {
  const { locale } = props;
  return (
    <>
      {props.post.isFallback && locale === 'es' ? <Notice>{messagesFor(locale).untranslated}</Notice> : null}
      <BackLink href={localizedPath(locale, '/news')}>{newsMessages(locale).back}</BackLink>
      <PostArticle {...props} />
    </>
  );
}
