import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { SECURITY_SCHEMES } from "./operation.js";
import { ROUTES } from "./routes.js";

let cached: object | undefined;

/** The OpenAPI 3.1 document of the gateway, built once per isolate (the routes do not change while it runs). */
export function openApiDocument(): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
    registry.registerComponent("securitySchemes", name, scheme);
  for (const route of ROUTES) registry.registerPath(route);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Buzz",
      version: "1.1.0",
      description:
        "Live football events: sources post, the platform sequences, fans read and get pushed. Every error is " +
        '`{"error": {"code", "message", "issues"?}}`; anything a client can send gets a 4xx, never a 5xx.',
    },
    servers: [{ url: "/" }],
  });
  return cached;
}
