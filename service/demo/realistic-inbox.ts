/**
 * A fax inbox that looks like one, for the benchmarks and demos: a few hundred senders with
 * a long tail (Zipf-like: a handful send most faxes), names for them (many become contacts
 * on the client), subjects in English and Japanese by sender habit (some empty), 1–30 pages
 * (mostly 1–3), arriving in bursts during office hours on weekdays over months. Deterministic:
 * the same count and end time give the same faxes, so a client can name the same senders.
 */

/** One sender: its number (E.164), a name, and the subjects it tends to send. */
export interface RealisticSender {
  number: string;
  name: string;
  /** 0 = the most frequent sender. */
  rank: number;
  /** Whether the bench's client has it as a contact. */
  contact: boolean;
}

/** One received fax of the realistic inbox. */
export interface RealisticFax {
  from: string;
  subject: string | null;
  pages: number;
  at: number;
  read: boolean;
}

const senderCount = 400;

/** mulberry32: small, fast and good enough for test data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const familyNames = [
  '山田',
  '田中',
  '佐藤',
  '鈴木',
  '高橋',
  '伊藤',
  '渡辺',
  '中村',
  '小林',
  '加藤',
];
const trades = [
  '商事',
  '工業',
  '物産',
  '印刷',
  '建設',
  '運輸',
  '不動産',
  '医院',
  '法律事務所',
  '薬局',
];
const englishNames = [
  'Acme',
  'Northwind',
  'Harbor',
  'Pacific',
  'Summit',
  'Maple',
  'Orchid',
  'Sakura',
];
const englishTrades = ['Supplies', 'Logistics', 'Printing', 'Clinic', 'Law Office', 'Foods'];
/** Area codes as dialled in Japan after +81, with the subscriber digits that follow. */
const areas: Array<[string, number]> = [
  ['3', 8],
  ['6', 8],
  ['45', 7],
  ['52', 7],
  ['92', 7],
  ['75', 7],
];
const subjectsEn = [
  'Invoice No. {n}',
  'Purchase order {n}',
  'Quotation request',
  'Delivery note {n}',
  'Price list for {month}',
  'Signed contract',
  'Order confirmation {n}',
  'Remittance advice',
  'Meeting agenda',
  'Prescription',
];
const subjectsJa = [
  '請求書 No.{n}',
  '注文書 {n}',
  '見積書のご送付',
  '納品書 {n}',
  '{month}月分 価格表',
  '契約書（署名済み）',
  '発注確認書',
  'お振込みのご案内',
  '会議資料',
  '処方箋',
];

/** The senders of the realistic inbox, most frequent first. */
export function realisticSenders(): RealisticSender[] {
  const next = random(16);
  const senders: RealisticSender[] = [];
  const used = new Set<string>();
  for (let rank = 0; rank < senderCount; rank += 1) {
    let number: string;
    do {
      if (next() < 0.1) number = `+1212${String(2_000_000 + Math.floor(next() * 7_000_000))}`;
      else {
        const [area, digits] = areas[Math.floor(next() * areas.length)]!;
        const first = 2 + Math.floor(next() * 8); // subscriber numbers do not start with 0 or 1
        const rest = String(Math.floor(next() * 10 ** (digits - 1))).padStart(digits - 1, '0');
        number = `+81${area}${first}${rest}`;
      }
    } while (used.has(number));
    used.add(number);
    const japanese = number.startsWith('+81') && next() < 0.75;
    const name = japanese
      ? `${next() < 0.5 ? '株式会社' : ''}${familyNames[Math.floor(next() * familyNames.length)]}${trades[Math.floor(next() * trades.length)]}${rank % 7 === 0 ? ` ${rank}` : ''}`
      : `${englishNames[Math.floor(next() * englishNames.length)]} ${englishTrades[Math.floor(next() * englishTrades.length)]}${rank % 5 === 0 ? ` ${rank}` : ''}`;
    // The frequent senders are nearly all contacts; the tail now and then.
    const contact = rank < 100 ? next() < 0.9 : next() < 0.3;
    senders.push({ number, name, rank, contact });
  }
  return senders;
}

/**
 * `count` received faxes ending at `end` (ms), oldest first. Arrivals come in bursts (a
 * sender sends 1–6 faxes within minutes) between 8:30 and 18:30 local time on weekdays
 * (a few on Saturdays), over about a day per 600 faxes (at least 30 days).
 */
export function realisticFaxes(count: number, end: number): RealisticFax[] {
  const senders = realisticSenders();
  const next = random(count);
  // Zipf weights (s = 1.1) as a cumulative table.
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 0; rank < senders.length; rank += 1) {
    sum += 1 / (rank + 1) ** 1.1;
    cumulative.push(sum);
  }
  const pick = () => {
    const target = next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return senders[low]!;
  };
  // Each sender's habits: two to four subject templates, in one language mostly.
  const habits = senders.map((sender) => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/.test(sender.name) ? 0.85 : 0.15;
    return Array.from({ length: 2 + Math.floor(next() * 3) }, () =>
      next() < japanese
        ? subjectsJa[Math.floor(next() * subjectsJa.length)]!
        : subjectsEn[Math.floor(next() * subjectsEn.length)]!,
    );
  });
  const days = Math.max(30, Math.ceil(count / 600));
  const endDay = new Date(end);
  endDay.setHours(0, 0, 0, 0);
  const faxes: RealisticFax[] = [];
  let serial = 1000;
  while (faxes.length < count) {
    const day = new Date(endDay);
    day.setDate(day.getDate() - Math.floor(next() * days));
    const weekday = day.getDay();
    if (weekday === 0 || (weekday === 6 && next() < 0.9)) continue;
    const sender = pick();
    const burst = 1 + Math.floor(next() ** 3 * 6);
    let at = day.getTime() + (8.5 * 60 + Math.floor(next() * 600)) * 60_000;
    for (let i = 0; i < burst && faxes.length < count; i += 1) {
      at += Math.floor(next() * 4 * 60_000) + 1000;
      if (at > end) break;
      const template = habits[sender.rank]![Math.floor(next() * habits[sender.rank]!.length)]!;
      const subject =
        next() < 0.1
          ? null
          : template
              .replace('{n}', String((serial += 1)))
              .replace('{month}', String(new Date(at).getMonth() + 1));
      // Mostly 1–3 pages, now and then up to 30.
      const pages = Math.min(30, 1 + Math.floor(-Math.log(1 - next()) * 2.2));
      faxes.push({ from: sender.number, subject, pages, at, read: false });
    }
  }
  faxes.sort((a, b) => a.at - b.at);
  // All but the newest few are read.
  const unread = Math.min(faxes.length, 40);
  faxes.forEach((fax, index) => (fax.read = index < faxes.length - unread));
  return faxes;
}
