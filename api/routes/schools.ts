/** The office's school records as JSON: the twins of the /kantoor/scholen pages, on the same functions. */
import { Router } from 'express';
import { School, Brin } from '../../domain/school';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import type { RouteTable } from '../route';
import { errorResponse, jsonBody, jsonResponse } from '../openapi';
import {
  addSchool,
  findSchool,
  SchoolJourney,
  SchoolList,
  SchoolSearch,
  schoolJourneys,
  SchoolUpdate,
  searchSchools,
  updateSchool,
} from '../../services/schools/school-record';
import { validate } from '../../services/validate';

const BrinParams = z.object({ brin: Brin });

export function schoolsRouter(db: Db, routes: RouteTable): Router {
  const router = Router();

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/schools',
      summary: 'Find schools by part of their name or BRIN, a page at a time',
      request: { query: SchoolSearch },
      responses: { 200: jsonResponse('The schools found', SchoolList) },
      access: 'staff',
    },
    async (req, res) => {
      res.json(await searchSchools(db, validate(SchoolSearch, req.query)));
    },
  );

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
      res.status(201).json(await addSchool(db, validate(School, req.body)));
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
      res.json(await findSchool(db, brin));
    },
  );

  routes.add(
    router,
    {
      method: 'post',
      path: '/api/schools/{brin}',
      summary: "Change a school's record (its BRIN stays); running journeys keep the record they started with",
      request: { params: BrinParams, body: jsonBody(SchoolUpdate) },
      responses: { 200: jsonResponse('The changed record', School), 404: errorResponse('Unknown school') },
      access: 'staff',
    },
    async (req, res) => {
      const { brin } = validate(BrinParams, req.params);
      res.json(await updateSchool(db, brin, validate(SchoolUpdate, req.body)));
    },
  );

  routes.add(
    router,
    {
      method: 'get',
      path: '/api/schools/{brin}/journeys',
      summary: "A school's journeys, past and current, the newest first",
      request: { params: BrinParams },
      responses: { 200: jsonResponse("The school's journeys", z.array(SchoolJourney)), 404: errorResponse('Unknown school') },
      access: 'staff',
    },
    async (req, res) => {
      const { brin } = validate(BrinParams, req.params);
      const school = await findSchool(db, brin);
      res.json(await schoolJourneys(db, school.brin));
    },
  );

  return router;
}
