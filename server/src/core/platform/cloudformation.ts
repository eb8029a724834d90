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
import { credentialsOf, listCors, stringsOf, type ListCorsKeys } from './aws';
import type { PlatformCors, PlatformValue } from './model';
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
  const globalApiCors = entry(child(globals, 'Api'), 'Cors');
  if (globalApiCors) push(restCors(text, globalApiCors, 'Globals.Api'));
  const globalHttpCors = entry(child(globals, 'HttpApi'), 'CorsConfiguration');
  if (globalHttpCors) push(listCors(text, globalHttpCors, LIST_KEYS, { platform: 'aws-sam', library: 'SAM HttpApi CorsConfiguration', route: 'Globals.HttpApi' }, false));
  const resources = child(root, 'Resources');
  if (resources?.kind !== 'object') return found;
  for (const resource of resources.entries) {
    const type = stringOf(child(resource.value, 'Type'));
    const properties = child(resource.value, 'Properties');
    const base = (library: string) => ({ platform: 'aws-sam' as const, library, route: resource.key });
    switch (type) {
      case 'AWS::Serverless::Api': {
        const cors = entry(properties, 'Cors');
        if (cors) push(restCors(text, cors, resource.key));
        break;
      }
      case 'AWS::Serverless::HttpApi': {
        const cors = entry(properties, 'CorsConfiguration');
        if (cors) push(listCors(text, cors, LIST_KEYS, base('SAM HttpApi CorsConfiguration'), false));
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
        const handler = stringOf(child(properties, 'Handler'));
        if (cors) push(listCors(text, cors, LIST_KEYS, { ...base('SAM function URL Cors'), handler }, false));
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
function restCors(text: string, cors: PEntry, route: string): PlatformCors | undefined {
  const value = cors.value;
  const base = { platform: 'aws-sam' as const, library: 'SAM Api Cors', route, range: { start: cors.start, end: cors.end }, style: 'sam-rest' as const };
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
