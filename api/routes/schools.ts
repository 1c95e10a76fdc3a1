import { Router } from 'express';
import { School, Brin } from '../../domain/school';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import type { RouteTable } from '../route';
import { AppError } from '../errors';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import { validate } from '../validate';

const BrinParams = z.object({ brin: Brin });

export function schoolsRouter(db: Db, routes: RouteTable): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/schools',
      summary: 'Register a school',
      request: { body: jsonBody(School) },
      responses: {
        201: jsonResponse('Registered', School),
        400: errorResponse('Invalid input'),
        409: errorResponse('A school with this BRIN exists'),
      },
      access: 'staff',
    },
    async (req, res) => {
      const school = validate(School, req.body);
      const { count } = await db.school.createMany({ data: [school], skipDuplicates: true });
      if (count === 0) throw new AppError('school_exists', `Er is al een school met BRIN-code ${school.brin}.`);
      res.status(201).json(school);
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/schools/{brin}',
      summary: 'A school',
      request: { params: BrinParams },
      responses: { 200: jsonResponse('The school', School), 400: errorResponse('Invalid BRIN'), 404: errorResponse('Unknown school') },
      access: 'staff',
    },
    async (req, res) => {
      const { brin } = validate(BrinParams, req.params);
      const school = await db.school.findUnique({ where: { brin } });
      if (!school) throw new AppError('school_not_found', `Er is geen school met BRIN-code ${brin} bekend.`);
      res.json(School.parse(school));
    },
  );

  return router;
}
