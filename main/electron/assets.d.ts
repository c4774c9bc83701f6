// electron-vite's `?asset` imports (the tray icon copied beside the main bundle).
/// <reference types="electron-vite/node" />
