// downloadFile fetches a file from Hearth's API with the session's token
// (a report, a letter, a person's export) and hands it to the browser to
// save under filename.
import { pb } from './pb.js';

export async function downloadFile(url, filename) {
  const res = await fetch(url, { headers: { Authorization: pb.authStore.token } });
  if (!res.ok) throw new Error(String(res.status));
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
