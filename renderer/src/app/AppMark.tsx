/** Kamifax's mark: a sheet of paper (kami) leaving a fax slot, drawn in the accent colour. */
export function AppMark({ size = 24 }: { size?: number }) {
  return (
    <svg
      className="app-mark"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="2" y="11" width="20" height="11" rx="3" fill="currentColor" opacity="0.25" />
      <path d="M6 2h9l3 3v11H6z" fill="var(--panel)" stroke="currentColor" strokeWidth="1.6" />
      <path d="M9 8h6M9 11h6M9 14h4" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2" y="15" width="20" height="2" rx="1" fill="currentColor" />
    </svg>
  );
}
