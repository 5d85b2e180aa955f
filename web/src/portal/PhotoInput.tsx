import { WORDS, type Lang } from './i18n';

/**
 * 拍照上传: the phone opens its camera (capture) or the gallery; images only, up to 10 at a time (the
 * server checks type and size again and refuses the lot if one is wrong).
 */
export function PhotoInput({ lang, onFiles, disabled }: { lang: Lang; onFiles: (files: File[]) => void; disabled?: boolean }) {
  const w = WORDS[lang];
  return (
    <label className="photo-input">
      {w.addPhotos}
      <input
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        disabled={disabled}
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []).slice(0, 10));
          e.target.value = '';
        }}
      />
    </label>
  );
}
