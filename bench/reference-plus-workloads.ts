/**
 * The reference architecture plus N more AppWorkloads in its app stack (sharing one ingress
 * class): `node dist/bench/reference-plus-workloads.js N`. Measures how synth grows with workloads.
 */
import { App } from "../lib/cdktf";
import { buildReferenceApp } from "../reference/reference-app";
import { readReferenceConfig } from "../reference/reference-config";
import { AppWorkload, NativeIngressClass } from "oke-virtual-nodes";

const count = Number(process.argv[2] ?? "0");
const app = new App();
const reference = buildReferenceApp(app, readReferenceConfig({}), {});
const platform = reference.platform!;
const shared = new NativeIngressClass(reference.app, "shared-ingress", { cluster: platform.cluster, namespace: "shop", name: "shared" });
for (let i = 1; i <= count; i++) {
  new AppWorkload(reference.app, `workload-${i}`, {
    cluster: platform.cluster,
    network: platform.network,
    namespace: `team-${i}`,
    // A registry outside OCIR: no pull credentials to wire (an OCIR image requires them).
    image: `registry.example.com/team-${i}:1.0.${i}`,
    database: { database: platform.database, schemaName: `team_${i}` },
    clusterServices: reference.services.services,
    autoscaling: { maxReplicas: 6 },
    ingress: { host: `team-${i}.example.com`, ingressClass: shared },
  });
}
app.synth();
