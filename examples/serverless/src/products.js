// cors-lint example: the handlers behind serverless.yml and template.yaml (API Gateway proxy
// integration). The platform configuration answers preflights; each response still needs its own
// Access-Control-Allow-Origin, which these handlers leave to the configuration on purpose.
const products = [{ id: 1, name: 'Desk lamp', price: 39 }];

exports.list = async () => ({ statusCode: 200, body: JSON.stringify(products) });

exports.update = async (event) => {
  const changes = JSON.parse(event.body ?? '{}');
  return { statusCode: 200, body: JSON.stringify({ ...products[0], ...changes }) };
};
