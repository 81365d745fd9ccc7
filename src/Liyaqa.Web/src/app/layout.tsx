// The root layout is the locale layout: it owns <html lang dir>.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
