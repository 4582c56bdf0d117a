import { http } from './http.js'

// Training classes 培训班 (docs/api.md "Training classes"): a class, its trainees, and their completion
// (completing records one training activity per trainee, dated the class's end date).
/** query: { region, q, page, page_size } → { items, total, page, page_size } */
export const listTrainingClasses = (query) => http.get('/training-classes', query)
/** cls: { name, mode, region_code, start_date, end_date, hours, organizer? } */
export const createTrainingClass = (cls) => http.post('/training-classes', cls)
export const getTrainingClass = (id) => http.get(`/training-classes/${encodeURIComponent(id)}`)
/** trainee: { id_number, name? } */
export const addTrainee = (id, trainee) => http.post(`/training-classes/${encodeURIComponent(id)}/trainees`, trainee)
export const removeTrainee = (id, traineeId) =>
  http.del(`/training-classes/${encodeURIComponent(id)}/trainees/${encodeURIComponent(traineeId)}`)
/** → the class detail */
export const setCompletion = (id, traineeIds, completed) =>
  http.post(`/training-classes/${encodeURIComponent(id)}/completion`, { trainee_ids: traineeIds, completed })
