/** The outputs of a platform made elsewhere, as `importPlatform` reads them. */
import type { ExistingPlatformAttributes } from "../../lib/stacks/platform";
import { TEST_COMPARTMENT } from "./synth";

export const ocid = (type: string, name: string) => `ocid1.${type}.oc1.eu-frankfurt-1.aaaaaaaa${name}`;

/** The outputs a platform stack writes, only those importPlatform requires. */
export const REQUIRED: ExistingPlatformAttributes = {
  compartment_id: TEST_COMPARTMENT,
  vcn_id: ocid("vcn", "vcn"),
  api_subnet_id: ocid("subnet", "api"),
  nodes_subnet_id: ocid("subnet", "nodes"),
  lb_subnet_id: ocid("subnet", "lb"),
  api_nsg_id: ocid("networksecuritygroup", "api"),
  nodes_nsg_id: ocid("networksecuritygroup", "nodes"),
  pods_nsg_id: ocid("networksecuritygroup", "pods"),
  lb_nsg_id: ocid("networksecuritygroup", "lb"),
  db_nsg_id: ocid("networksecuritygroup", "db"),
  vault_id: ocid("vault", "vault"),
  vault_key_id: ocid("key", "key"),
  cluster_id: ocid("cluster", "cluster"),
  mysql_endpoint: "shop-db.db.okevcn.oraclevcn.com",
  mysql_admin_username: "admin",
  mysql_password_secret_id: ocid("vaultsecret", "admin"),
  mysql_password_secret_name: "oke-vn-mysql-admin-password",
};

/** What `cdktf output oke-platform --outputs-file` writes for a platform: the required outputs and the image repository. */
export const PLATFORM_OUTPUTS = { ...REQUIRED, image_repository: "eu-frankfurt-1.ocir.io/ns/oke-vn/app" };
