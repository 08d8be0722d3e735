import './peer-instrument'; // first: @sentry/node must load before express
import * as Sentry from '@sentry/node';
import express, { type RequestHandler } from 'express';
import promBundle from 'express-prom-bundle';
import { casePayload } from './case-payload';

// pino-http's types redeclare Express's `req.id` for the whole program (shared-utils included);
// its factory is all this file needs.
const pinoHttp = require('pino-http') as () => RequestHandler;

// A typical stack of the same kind: express-prom-bundle, pino-http and @sentry/node tracing at 0.1.
const app = express();
app.use(promBundle({ includeMethod: true, includePath: true }));
app.use(pinoHttp());
app.get('/api/cases/:id', (req, res) => {
  res.json(casePayload(req.params.id));
});
Sentry.setupExpressErrorHandler(app);
app.listen(Number(process.env['PORT']), '127.0.0.1');
