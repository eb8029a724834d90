// cors-lint example: the handlers behind serverless.yml and template.yaml (API Gateway proxy
// integration). `list` is behind the HTTP API, whose CORS setting adds the headers to every response.
// `update` is behind a REST API event, whose `cors` only answers the preflight: its own response needs
// Access-Control-Allow-Origin too, and it has none (serverless.yml, item 4).
const products = [{ id: 1, name: 'Desk lamp', price: 39 }];

exports.list = async () => ({ statusCode: 200, body: JSON.stringify(products) });

exports.update = async (event) => {
  const changes = JSON.parse(event.body ?? '{}');
  return { statusCode: 200, body: JSON.stringify({ ...products[0], ...changes }) };
};
