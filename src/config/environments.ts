/** The targets of contract section 2, plus the embedded sandbox and any base URL. */
export const ENVIRONMENT_NAMES = ["sandbox", "dev", "int", "dep", "prod", "custom"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

export interface Environment {
  name: EnvironmentName;
  description: string;
  /** Host root; the FHIR base path (NDOP_BASE_PATH) is added to it. Absent: sandbox and custom. */
  host?: string;
  network: "loopback" | "HSCN" | "internet" | "any";
  /** Real patients' choices live here: nothing writes without explicit confirmation. */
  production: boolean;
}

export const ENVIRONMENTS: Readonly<Record<EnvironmentName, Environment>> = {
  sandbox: {
    name: "sandbox",
    description: "the embedded sandbox, started on a free loopback port",
    network: "loopback",
    production: false,
  },
  dev: {
    name: "dev",
    description: "Spine Dev",
    host: "https://msg.dev.spine2.ncrs.nhs.uk",
    network: "HSCN",
    production: false,
  },
  int: {
    name: "int",
    description: "Spine Integration (stateful)",
    host: "https://msg.int.spine2.ncrs.nhs.uk",
    network: "HSCN",
    production: false,
  },
  dep: {
    name: "dep",
    description: "Spine Deployment",
    host: "https://msg.dep.spine2.ncrs.nhs.uk",
    network: "HSCN",
    production: false,
  },
  prod: {
    name: "prod",
    description: "Spine Production (real patients)",
    host: "https://clinicals.spineservices.nhs.uk",
    network: "internet",
    production: true,
  },
  custom: {
    name: "custom",
    description: "any base URL given with --base-url or NDOP_BASE_URL",
    network: "any",
    production: false,
  },
};

export function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(name);
}
