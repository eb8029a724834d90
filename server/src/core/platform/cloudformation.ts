// AWS SAM and CloudFormation templates (YAML or JSON). Intrinsic functions (`!Sub`, `!Ref`, `Fn::Join`…)
// are resolved at deploy time, so their values are unknown here and nothing is reported on them.
//   AWS::Serverless::Api       Properties.Cors: "'origin'" | { AllowOrigin, AllowCredentials, AllowMethods, AllowHeaders }
//                              (values are API Gateway mapping expressions: static text in single quotes)
//   AWS::Serverless::HttpApi   Properties.CorsConfiguration: true | { AllowOrigins, AllowCredentials, … }
//   AWS::ApiGatewayV2::Api     Properties.CorsConfiguration: { AllowOrigins, AllowCredentials, … }
//   AWS::Lambda::Url           Properties.Cors: { AllowOrigins, AllowCredentials, … }
//   AWS::Serverless::Function  Properties.FunctionUrlConfig.Cors: { AllowOrigins, AllowCredentials, … }
//   Globals.Api.Cors, Globals.HttpApi.CorsConfiguration
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html
//
// SAM `Api` events are Lambda-proxy integrations, and a REST API's `Cors` only adds the OPTIONS method:
// "For a Lambda proxy integration or HTTP proxy integration, your backend is responsible for returning
// the Access-Control-Allow-Origin, Access-Control-Allow-Methods, and Access-Control-Allow-Headers headers"
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html, which the SAM Cors page
// points to). So each REST Cors carries the functions whose Api events it answers preflights for.
import { credentialsOf, listCors, stringsOf, type ListCorsKeys } from './aws';
import type { HandlerRef, PlatformCors, PlatformValue } from './model';
import { child, childOf, entry, stringOf, type PEntry, type PNode } from './tree';
import { valueOf } from './values';

const LIST_KEYS: ListCorsKeys = { origins: ['AllowOrigins'], credentials: ['AllowCredentials'], methods: ['AllowMethods'], headers: ['AllowHeaders'] };

/** Is this tree a CloudFormation or SAM template? */
export function isTemplate(root: PNode | undefined): boolean {
  return !!(child(root, 'AWSTemplateFormatVersion') || child(root, 'Transform') || child(root, 'Resources'));
}

export function templateCors(text: string, root: PNode | undefined): PlatformCors[] {
  const found: PlatformCors[] = [];
  const push = (cors: PlatformCors | undefined) => {
    if (cors) found.push(cors);
  };
  const globals = child(root, 'Globals');
  const resources = child(root, 'Resources');
  const apiEvents = samApiEvents(globals, resources, 'Api', 'RestApiId');
  const httpApiEvents = samApiEvents(globals, resources, 'HttpApi', 'ApiId');
  const globalApiCors = entry(child(globals, 'Api'), 'Cors');
  // Globals.Api applies to the implicit API of `Type: Api` events and to every AWS::Serverless::Api (not
  // to plain AWS::ApiGateway::RestApi resources); an Api with a Cors of its own is read with that one.
  const inheritsGlobalCors = resourcesWithout(resources, 'AWS::Serverless::Api', 'Cors');
  if (globalApiCors) push(restCors(text, globalApiCors, 'Globals.Api', apiEvents.filter((e) => e.api === undefined || inheritsGlobalCors.has(e.api)).map((e) => e.handler)));
  const globalHttpCors = entry(child(globals, 'HttpApi'), 'CorsConfiguration');
  // HTTP APIs add the configured headers to every response and ignore the function's ("If you configure
  // CORS for an API, API Gateway ignores CORS headers returned from your backend integration",
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html).
  const httpApisInheriting = resourcesWithout(resources, 'AWS::Serverless::HttpApi', 'CorsConfiguration');
  const httpHandlers = (api: (id: string | undefined) => boolean) => ({ handlers: uniqueHandlers(httpApiEvents.filter((e) => api(e.api)).map((e) => e.handler)), actualResponse: 'platform' as const });
  if (globalHttpCors) push(listCors(text, globalHttpCors, LIST_KEYS, { platform: 'aws-sam', library: 'SAM HttpApi CorsConfiguration', route: 'Globals.HttpApi', ...httpHandlers((id) => id === undefined || httpApisInheriting.has(id)) }, false));
  if (resources?.kind !== 'object') return found;
  for (const resource of resources.entries) {
    const type = stringOf(child(resource.value, 'Type'));
    const properties = child(resource.value, 'Properties');
    const base = (library: string) => ({ platform: 'aws-sam' as const, library, route: resource.key });
    switch (type) {
      case 'AWS::Serverless::Api': {
        const cors = entry(properties, 'Cors');
        if (cors) push(restCors(text, cors, resource.key, apiEvents.filter((e) => e.api === resource.key).map((e) => e.handler)));
        break;
      }
      case 'AWS::Serverless::HttpApi': {
        const cors = entry(properties, 'CorsConfiguration');
        if (cors) push(listCors(text, cors, LIST_KEYS, { ...base('SAM HttpApi CorsConfiguration'), ...httpHandlers((id) => id === resource.key) }, false));
        break;
      }
      case 'AWS::ApiGatewayV2::Api': {
        const cors = entry(properties, 'CorsConfiguration');
        if (cors) push(listCors(text, cors, LIST_KEYS, base('API Gateway HTTP API CorsConfiguration'), false));
        break;
      }
      case 'AWS::Lambda::Url': {
        const cors = entry(properties, 'Cors');
        if (cors) push(listCors(text, cors, LIST_KEYS, base('Lambda function URL Cors'), false));
        break;
      }
      case 'AWS::Serverless::Function': {
        const cors = entry(child(properties, 'FunctionUrlConfig'), 'Cors');
        if (cors) push(listCors(text, cors, LIST_KEYS, base('SAM function URL Cors'), false));
        break;
      }
    }
  }
  return found;
}

/**
 * SAM REST API `Cors`: a string (the AllowOrigin expression) or an object. Each value is an API Gateway
 * mapping expression, so a static origin is written `"'https://app.example.com'"`; the text inside the
 * quotes is sent as Access-Control-Allow-Origin as it is.
 */
function restCors(text: string, cors: PEntry, route: string, handlers: HandlerRef[]): PlatformCors | undefined {
  const value = cors.value;
  const base = {
    platform: 'aws-sam' as const,
    library: 'SAM Api Cors',
    route,
    range: { start: cors.start, end: cors.end },
    keyRange: { start: cors.keyRange.start, end: cors.keyRange.end },
    style: 'sam-rest' as const,
    handlers: uniqueHandlers(handlers),
    actualResponse: 'handler' as const,
  };
  const origin = value.kind === 'object' && !value.unknown ? childOf(value, 'AllowOrigin')?.value : value;
  if (!origin) return undefined;
  const read = samExpression(origin);
  const credentials = value.kind === 'object' ? credentialsOf(text, value, childOf(value, 'AllowCredentials')) : { credentials: false as const };
  const kind: PlatformCors['origin'] = read.value.text === undefined ? 'unknown' : read.value.text.trim() === '*' ? 'any' : 'list';
  return {
    ...base,
    originRange: origin,
    origin: kind,
    entries: [read.value],
    unquoted: read.unquoted,
    ...credentials,
    methods: value.kind === 'object' ? stringsOf(childOf(value, 'AllowMethods')?.value) : undefined,
    allowedHeaders: value.kind === 'object' ? stringsOf(childOf(value, 'AllowHeaders')?.value) : undefined,
  };
}

/** `'https://a.example'` → https://a.example, with the range of the text inside the quotes. */
function samExpression(node: PNode): { value: PlatformValue; unquoted?: PlatformValue } {
  const value = valueOf(node);
  if (value.text === undefined) return { value };
  const m = /^'(.*)'$/s.exec(value.text.trim());
  if (m) return { value: { ...value, text: m[1] } };
  // Without the inner quotes API Gateway reads the text as a mapping expression and the deploy fails
  // ("Invalid mapping expression specified"); the origin it was meant to be is still worth checking.
  return { value, unquoted: value };
}

/** The resources of a SAM type that do not set `property` themselves (Globals fill it in). */
function resourcesWithout(resources: PNode | undefined, type: string, property: string): Set<string> {
  const all = resources?.kind === 'object' ? resources.entries : [];
  return new Set(all.filter((r) => stringOf(child(r.value, 'Type')) === type && !entry(child(r.value, 'Properties'), property)).map((r) => r.key));
}

function uniqueHandlers(handlers: HandlerRef[]): HandlerRef[] {
  return [...new Map(handlers.map((h) => [h.name, h])).values()];
}

/**
 * The `Type: Api` (or `HttpApi`) events of AWS::Serverless::Function resources with a Node.js handler:
 * the API they belong to (`RestApiId` / `ApiId: !Ref ShopApi`, or undefined for the implicit API) and the
 * function's code (`Handler` and `CodeUri`, from the function or `Globals.Function`). An id that is not a
 * plain `Ref` to a resource of the template is left out: which API it is cannot be told.
 */
function samApiEvents(globals: PNode | undefined, resources: PNode | undefined, eventType: 'Api' | 'HttpApi', idKey: 'RestApiId' | 'ApiId'): { api: string | undefined; handler: HandlerRef }[] {
  if (resources?.kind !== 'object') return [];
  const defaults = child(globals, 'Function');
  const events: { api: string | undefined; handler: HandlerRef }[] = [];
  for (const resource of resources.entries) {
    if (stringOf(child(resource.value, 'Type')) !== 'AWS::Serverless::Function') continue;
    const properties = child(resource.value, 'Properties');
    const setting = (key: string) => child(properties, key) ?? child(defaults, key);
    const handler = stringOf(setting('Handler'));
    const runtime = setting('Runtime');
    const codeUri = setting('CodeUri');
    // Another runtime's handler is not JavaScript; an S3 location or a deploy-time CodeUri is not in the project.
    if (!handler || (runtime && !/^nodejs/i.test(stringOf(runtime) ?? '')) || (codeUri && stringOf(codeUri) === undefined)) continue;
    const ref: HandlerRef = { handler, codeUri: stringOf(codeUri), name: resource.key };
    const eventsNode = child(properties, 'Events');
    for (const event of eventsNode?.kind === 'object' ? eventsNode.entries : []) {
      if (stringOf(child(event.value, 'Type')) !== eventType) continue;
      const restApiId = child(child(event.value, 'Properties'), idKey);
      if (!restApiId) events.push({ api: undefined, handler: ref });
      else {
        const target = refTarget(restApiId);
        if (target) events.push({ api: target, handler: ref });
      }
    }
  }
  return events;
}

/** `!Ref ShopApi` / `{ "Ref": "ShopApi" }` → ShopApi. */
function refTarget(node: PNode): string | undefined {
  if (node.kind === 'scalar' && node.unknown === '!Ref' && typeof node.value === 'string') return node.value;
  if (node.kind === 'object' && node.unknown === 'Ref') return stringOf(child(node, 'Ref'));
  return undefined;
}
