from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Patient(Base):  # drift-expect: model Patient
    __tablename__ = "patients"
    id = Column(Integer, primary_key=True)
    diagnosis = Column(String)


class PatientRepository:
    def __init__(self, session):
        self.session = session

    def by_id(self, patient_id):
        return self.session.query(Patient).filter(Patient.id == patient_id).first()  # drift-expect: select Patient

    def add(self, patient):
        self.session.add(patient)  # drift-expect: insert patient

    def remove(self, patient):
        self.session.delete(patient)  # drift-expect: delete patient

    def raw(self, name):
        return self.session.execute(f"SELECT * FROM patients WHERE name = '{name}'")  # drift-expect: raw_query patients unsafe
