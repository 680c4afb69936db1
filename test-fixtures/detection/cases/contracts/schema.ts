import { gql } from "graphql-tag";
import { z } from "zod";
import * as yup from "yup";
import Joi from "joi";

// expect-pattern: contracts/graphql-document
export const typeDefs = gql`
  type Query {
    user(id: ID!): User
  }
  type User {
    id: ID!
    name: String
  }
`;

export const GET_USER = gql`query GetUser($id: ID!) { user(id: $id) { id name } }`; // expect-pattern: contracts/graphql-document

export const help = "type the query in the box"; // expect-no-pattern: contracts/graphql-document

export const CreateUser = z.object({ name: z.string(), email: z.string().email() }); // expect-pattern: contracts/schema-zod  expect-no-pattern: contracts/schema-yup, contracts/schema-joi

export const Signup = yup.object({ email: yup.string().required() }); // expect-pattern: contracts/schema-yup  expect-no-pattern: contracts/schema-zod

export const Order = Joi.object({ id: Joi.string().required() }); // expect-pattern: contracts/schema-joi  expect-no-pattern: contracts/schema-yup

export const copy = Object.assign({}, CreateUser); // expect-no-pattern: contracts/schema-zod, contracts/schema-joi
