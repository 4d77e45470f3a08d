// Types of next.config.mjs, for the tests that read its header list.
import type { NextConfig } from "next";
export declare const securityHeaders: { key: string; value: string }[];
declare const nextConfig: NextConfig;
export default nextConfig;
