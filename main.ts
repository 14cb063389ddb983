/**
 * The reference architecture as three stacks (platform, cluster services, app), configured from
 * environment variables or cdktf.json context (REFERENCE_SETTINGS, README "Settings"). Without
 * settings it uses built-in defaults and placeholder OCIDs, with a warning each, so the Terraform
 * can be inspected and validated before an OCI account is wired in.
 */
import { runReferenceApp } from "./reference/reference-main";

process.exitCode = runReferenceApp({ env: process.env });
