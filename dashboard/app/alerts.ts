import { badgeText, titleWithUnread } from '../state/favicon-badge.ts';
import { t } from '../i18n/index.ts';

/**
 * Browser-side attention: unread total in the tab title and a canvas-drawn favicon badge,
 * a WebAudio beep (no sound file) and desktop notifications. Each function degrades to a
 * no-op when the browser lacks the API.
 */

export function showUnreadInTab(total: number): void {
  document.title = titleWithUnread(t('app.title'), total);
  const link = document.getElementById('parley-favicon') as HTMLLinkElement | null;
  const href = drawFavicon(badgeText(total));
  if (link && href) link.href = href;
}

const faviconCache = new Map<string, string>();

function drawFavicon(text: string): string | null {
  const hit = faviconCache.get(text);
  if (hit) return hit;
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const g = canvas.getContext('2d');
  if (!g) return null;
  // A speech bubble in the brand colour.
  g.fillStyle = '#4338ca';
  g.beginPath();
  g.roundRect(4, 6, 50, 40, 12);
  g.fill();
  g.beginPath();
  g.moveTo(14, 42);
  g.lineTo(12, 58);
  g.lineTo(28, 44);
  g.fill();
  if (text) {
    const w = text.length > 2 ? 44 : text.length > 1 ? 38 : 32;
    g.fillStyle = '#dc2626';
    g.beginPath();
    g.roundRect(64 - w, 0, w, 32, 16);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = `bold ${text.length > 2 ? 20 : 24}px system-ui, sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(text, 64 - w / 2, 17);
  }
  const url = canvas.toDataURL('image/png');
  faviconCache.set(text, url);
  return url;
}

let audio: AudioContext | null = null;

/** Two short sine tones. The AudioContext is created on first use (after a user gesture). */
export function beep(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    const t = audio.currentTime;
    for (const [i, freq] of [880, 1175].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.2, t + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.12 + 0.11);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + i * 0.12);
      osc.stop(t + i * 0.12 + 0.12);
    }
  } catch {
    // Sound is a nicety.
  }
}

/** Wake the audio context inside a user gesture so later beeps are allowed to play. */
export function unlockAudio(): void {
  try {
    const Ctx = window.AudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    void audio.resume();
  } catch {
    // ignore
  }
}

export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Must be called from a click handler: browsers refuse permission prompts without a gesture. */
export async function askNotificationPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export function desktopNotify(title: string, body: string, tag: string, onClick: () => void): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body: body.slice(0, 200), tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker.
  }
}
