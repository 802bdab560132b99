// Saving a file the page was handed (a .fotabatch, a CSV export): a Blob and a temporary link, the
// one way a browser (and Electron, whose guards allow only the page's own blob downloads) saves it.

/** Offers `text` as a download named `fileName`. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started; the URL can go once the click was handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
