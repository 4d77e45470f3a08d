import type { Metadata } from "next";
import "./globals.css";
import { UnsafeModeBanner } from "./_components/unsafe-mode-banner";

export const metadata: Metadata = {
  title: { default: "Ringback", template: "%s · Ringback" },
  description: "Every missed call becomes a conversation.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans">
        <UnsafeModeBanner />
        {children}
      </body>
    </html>
  );
}
