/** The seeded demo organisation: `npm start` creates it, and the development sign-in lists its members. */
export const DEMO_ORG = { name: "Northwind Robotics", slug: "northwind" } as const;

export const DEMO_USERS = [
  { email: "priya.pm@northwind.example", name: "Priya Raman", role: "PM", title: "Senior product manager, Payments" },
  { email: "marco.pm@northwind.example", name: "Marco Bianchi", role: "PM", title: "Product manager, Mobile" },
  { email: "sam.eng@northwind.example", name: "Sam Okafor", role: "ENGINEER", title: "Staff engineer, Platform" },
  { email: "lena.eng@northwind.example", name: "Lena Fischer", role: "ENGINEER", title: "Engineer, Payments" },
  { email: "ada.admin@northwind.example", name: "Ada Nakamura", role: "ADMIN", title: "IT and tools administrator" },
  { email: "jordan.lead@northwind.example", name: "Jordan Ellis", role: "LEADERSHIP", title: "VP of engineering" },
] as const;
