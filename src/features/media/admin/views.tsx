import { BackLink } from '../../../platform/web/components.tsx';
import { ErrorSummary, Field, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { DataTable, HiddenLabel, SummaryTable } from '../../../platform/web/tables.tsx';
import { When } from '../../../platform/web/when.tsx';
import type { ImageWords } from '../inputs.ts';
import { mediaPath, missingAlt, type StaffImage } from '../library.ts';

export type WordValues = Partial<Record<keyof ImageWords, string>>;

/** What the image still needs, or that it is ready to place. */
function AltStatus(props: { image: StaffImage }) {
  const missing = missingAlt(props.image);
  if (missing.length === 0) return <span class="badge">Ready to place</span>;
  return <span class="badge badge-missing">Needs {missing.join(' and ')} alt text</span>;
}

/** A small picture of the image for staff lists: the smallest JPEG or PNG, its alt text left to the row's words. */
function Thumbnail(props: { image: StaffImage; width?: number }) {
  const thumb = props.image.thumbnail;
  if (!thumb) return null;
  const width = Math.min(props.width ?? 80, thumb.width);
  return (
    <img
      src={mediaPath(thumb.key)}
      width={width}
      height={Math.round((thumb.height * width) / thumb.width)}
      alt=""
      loading="lazy"
      decoding="async"
    />
  );
}

export function MediaList(props: { images: StaffImage[]; canUpload: boolean }) {
  const waiting = props.images.filter((image) => !image.placeable).length;
  return (
    <>
      <h1>Media</h1>
      <p>
        Images to place on pages, posts and settings. Each is made into sizes and formats that load quickly on a phone.
        An image can be placed only once it has alt text in English and Spanish.
      </p>
      {props.canUpload ? (
        <p>
          <a class="button" href="/admin/media/new">
            Upload an image
          </a>
        </p>
      ) : null}
      {waiting > 0 ? (
        <p>{waiting === 1 ? '1 image needs' : `${waiting} images need`} alt text before it can be placed.</p>
      ) : null}
      {props.images.length === 0 ? (
        <p>No images yet.</p>
      ) : (
        <DataTable
          caption="Images, newest first"
          columns={[<HiddenLabel>Picture</HiddenLabel>, 'Alt text (English)', 'Status', 'Size']}
        >
          {props.images.map((image) => (
            <tr>
              <td>
                <Thumbnail image={image} />
              </td>
              <td>
                <a href={`/admin/media/${image.id}`}>{image.altEn.trim() || `Image ${image.id} (no alt text yet)`}</a>
                {image.isDemo ? ' (sample)' : ''}
              </td>
              <td>
                <AltStatus image={image} />
              </td>
              <td>
                {image.width} × {image.height}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** The words every image has: alt text and caption in each language, and the credit. */
function WordFields(props: { values: WordValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const altHint =
    'What the image shows, for people who cannot see it, in a sentence or less. ' +
    'Needed in both languages before the image can be placed.';
  return (
    <>
      <fieldset>
        <legend>English</legend>
        <Field name="altEn" label="Alt text" hint={altHint} value={values.altEn} error={errors.altEn} lang="en" />
        <Field
          name="captionEn"
          label="Caption (optional)"
          hint="Shown beneath the image where a page shows captions."
          value={values.captionEn}
          error={errors.captionEn}
          lang="en"
        />
      </fieldset>
      <fieldset>
        <legend>Spanish</legend>
        <Field name="altEs" label="Alt text" hint={altHint} value={values.altEs} error={errors.altEs} lang="es" />
        <Field
          name="captionEs"
          label="Caption (optional)"
          hint="Without one, Spanish pages show the English caption."
          value={values.captionEs}
          error={errors.captionEs}
          lang="es"
        />
      </fieldset>
      <Field
        name="credit"
        label="Credit (optional)"
        hint="Who took or made it, as they wish to be named. Shown after the caption."
        value={values.credit}
        error={errors.credit}
      />
    </>
  );
}

export function UploadForm(props: { token: string; values: WordValues; errors: FieldErrors; maxMegabytes: number }) {
  const { errors } = props;
  return (
    <>
      <BackLink href="/admin/media">Media</BackLink>
      <h1>Upload an image</h1>
      <Form action="/admin/media/new" token={props.token} multipart>
        <ErrorSummary errors={errors} title="Please fix these and upload again" />
        <div class={errors.file ? 'field field-error' : 'field'}>
          <label for="file">Image</label>
          <p class="hint" id="file-hint">
            A JPEG, PNG, WebP, AVIF or GIF (its first frame), up to {props.maxMegabytes} MB. Where and when a photo was
            taken (its location data) is removed. After a problem, choose the file again.
          </p>
          {errors.file ? (
            <p class="error-message" id="file-error">
              <span class="visually-hidden">Error: </span>
              {errors.file}
            </p>
          ) : null}
          <input
            type="file"
            id="file"
            name="file"
            accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
            aria-invalid={errors.file ? 'true' : undefined}
            aria-describedby={errors.file ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <WordFields values={props.values} errors={errors} />
        <div class="form-actions">
          <button type="submit" class="button">
            Upload
          </button>
        </div>
      </Form>
    </>
  );
}

/** One image: a look at it, its facts, and its words (a form for those who may edit, read-only for others). */
export function ImagePage(props: {
  image: StaffImage;
  token: string;
  values: WordValues;
  errors: FieldErrors;
  canEdit: boolean;
  canRemove: boolean;
  timeZone: string;
}) {
  const { image } = props;
  const sizes = [...new Set(image.variants.map((v) => v.width))].sort((a, b) => a - b);
  return (
    <>
      <BackLink href="/admin/media">Media</BackLink>
      <h1>{image.altEn.trim() || `Image ${image.id}`}</h1>
      <p>
        <AltStatus image={image} />
      </p>
      <p>
        <Thumbnail image={image} width={400} />
      </p>
      <SummaryTable
        caption="About this image"
        rows={[
          ['Size', `${image.width} × ${image.height} pixels`],
          ['Made at widths', sizes.map((w) => `${w} px`).join(', ')],
          ['Uploaded', <When at={image.uploadedAt} timeZone={props.timeZone} />],
          ['Last changed', <When at={image.updatedAt} timeZone={props.timeZone} />],
        ]}
      />
      <h2>Words</h2>
      <Form action={`/admin/media/${image.id}`} token={props.token}>
        <ErrorSummary errors={props.errors} title="Please fix these and save again" />
        <fieldset class="plain" disabled={!props.canEdit}>
          <WordFields values={props.values} errors={props.errors} />
        </fieldset>
        {props.canEdit ? (
          <div class="form-actions">
            <button type="submit" class="button">
              Save
            </button>
          </div>
        ) : null}
      </Form>
      {props.canRemove ? (
        <p>
          <a href={`/admin/media/${image.id}/delete`}>Delete this image</a>
        </p>
      ) : null}
    </>
  );
}
