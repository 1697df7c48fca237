/** stageguard's version: in the report, the CLI's `--version`, and the partial and stored reports. */
export const VERSION = '0.1.0';
