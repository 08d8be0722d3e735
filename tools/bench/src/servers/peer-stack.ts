import './peer-instrument'; // first: @sentry/node must load before express
import * as Sentry from '@sentry/node';
import express from 'express';
import promBundle from 'express-prom-bundle';
import pinoHttp from 'pino-http';
import { casePayload } from './case-payload';

// A typical stack of the same kind: express-prom-bundle, pino-http and @sentry/node tracing at 0.1.
const app = express();
app.use(promBundle({ includeMethod: true, includePath: true }));
app.use(pinoHttp());
app.get('/api/cases/:id', (req, res) => {
  res.json(casePayload(req.params.id));
});
Sentry.setupExpressErrorHandler(app);
app.listen(Number(process.env['PORT']), '127.0.0.1');
